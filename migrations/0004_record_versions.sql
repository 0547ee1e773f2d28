-- Hairline schema version 4: every record a form edits carries a version.
--
-- A form sends back the version it was opened at; the core saves only if the record is still at
-- that version, and moves it on by one (`db::versions`). Two copies of the app (or the app and
-- the command-line tool) can therefore never silently undo each other's saves: the later save is
-- refused as a conflict that says who changed what since. Existing rows start at version 1.
ALTER TABLE clients       ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE plans         ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE sessions      ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE pigments      ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE pigment_lots  ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE needles       ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE staff         ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE sites         ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE appointments  ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE photos        ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);

-- The clinic's settings are one JSON value; their version lives in it.
UPDATE settings SET value = json_set(value, '$.version', 1)
 WHERE key = 'clinic' AND json_extract(value, '$.version') IS NULL;
