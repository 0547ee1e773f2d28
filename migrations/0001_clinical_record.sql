-- Hairline schema version 1: the clinical record.
-- Shipped migrations are never edited; add a new file instead.
-- Marks the file as a Hairline database ("HRLN"), in the same transaction as the schema.
PRAGMA application_id = 1213353038;
-- Ids are UUIDv7 text; days are ISO dates (YYYY-MM-DD); instants are RFC 3339 UTC text.

CREATE TABLE staff (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role        TEXT NOT NULL CHECK (role IN ('practitioner', 'manager')),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL
);

CREATE TABLE clients (
    id                      TEXT PRIMARY KEY NOT NULL,
    -- Short number for the front desk; also the rowid of the client's search entry.
    number                  INTEGER NOT NULL UNIQUE CHECK (number > 0),
    first_name              TEXT NOT NULL,
    last_name               TEXT NOT NULL,
    date_of_birth           TEXT,
    phone                   TEXT NOT NULL DEFAULT '',
    email                   TEXT NOT NULL DEFAULT '',
    address                 TEXT NOT NULL DEFAULT '',
    preferred_contact       TEXT NOT NULL,
    care_reminders_consent  INTEGER NOT NULL CHECK (care_reminders_consent IN (0, 1)),
    marketing_consent       INTEGER NOT NULL CHECK (marketing_consent IN (0, 1)),
    fitzpatrick             TEXT,
    hair_loss_pattern       TEXT,
    indication              TEXT,
    hair_coverage           TEXT,
    hair_length             TEXT,
    medications             TEXT NOT NULL DEFAULT '',
    allergies               TEXT NOT NULL DEFAULT '',
    notes                   TEXT NOT NULL DEFAULT '',
    archived_at             TEXT,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    -- What search indexes: the name with letters that Unicode does not decompose folded to ASCII
    -- (unicode61 folds the rest: é → e), and the phone as bare digits as well as written.
    search_name             TEXT GENERATED ALWAYS AS (
        replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(first_name || ' ' || last_name, 'ø', 'o'), 'Ø', 'O'), 'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe'), 'Œ', 'OE'), 'ß', 'ss'), 'ð', 'd'), 'Ð', 'D'), 'đ', 'd'), 'Đ', 'D'), 'þ', 'th'), 'Þ', 'TH'), 'ł', 'l'), 'Ł', 'L'), 'ı', 'i')
    ) VIRTUAL,
    search_phone            TEXT GENERATED ALWAYS AS (
        phone || ' ' || replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '(', ''), ')', ''), '+', '')
    ) VIRTUAL
);
CREATE INDEX clients_by_name ON clients (last_name COLLATE NOCASE, first_name COLLATE NOCASE);

CREATE TABLE contraindications (
    id              TEXT PRIMARY KEY NOT NULL,
    client_id       TEXT NOT NULL REFERENCES clients (id),
    position        INTEGER NOT NULL,
    condition       TEXT NOT NULL,
    detail          TEXT NOT NULL DEFAULT '',
    kind            TEXT NOT NULL CHECK (kind IN ('absolute', 'temporary', 'needs_clearance')),
    until           TEXT CHECK ((kind = 'temporary') = (until IS NOT NULL)),
    cleared_on      TEXT,
    cleared_by      TEXT,
    clearance_note  TEXT NOT NULL DEFAULT '',
    CHECK ((cleared_on IS NULL) = (cleared_by IS NULL))
);
CREATE INDEX contraindications_by_client ON contraindications (client_id, position);

-- Search as you type: a contentless FTS5 index whose rowid is clients.number, kept in step by
-- triggers. unicode61 with remove_diacritics folds case and accents ("zoe" finds "Zoë").
CREATE VIRTUAL TABLE client_search USING fts5 (
    name, phone, email,
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2"
);

CREATE TRIGGER clients_search_insert AFTER INSERT ON clients BEGIN
    INSERT INTO client_search (rowid, name, phone, email) VALUES (
        NEW.number,
        NEW.search_name,
        NEW.search_phone,
        NEW.email
    );
END;

CREATE TRIGGER clients_search_update AFTER UPDATE OF first_name, last_name, phone, email, number ON clients BEGIN
    DELETE FROM client_search WHERE rowid = OLD.number;
    INSERT INTO client_search (rowid, name, phone, email) VALUES (
        NEW.number,
        NEW.search_name,
        NEW.search_phone,
        NEW.email
    );
END;

CREATE TRIGGER clients_search_delete AFTER DELETE ON clients BEGIN
    DELETE FROM client_search WHERE rowid = OLD.number;
END;

CREATE TABLE pigments (
    id          TEXT PRIMARY KEY NOT NULL,
    brand       TEXT NOT NULL CHECK (length(trim(brand)) > 0),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    tone        TEXT NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    UNIQUE (brand, name)
);

CREATE TABLE pigment_lots (
    id           TEXT PRIMARY KEY NOT NULL,
    pigment_id   TEXT NOT NULL REFERENCES pigments (id),
    lot_number   TEXT NOT NULL CHECK (length(trim(lot_number)) > 0),
    expires_on   TEXT NOT NULL,
    received_on  TEXT,
    opened_on    TEXT,
    created_at   TEXT NOT NULL,
    UNIQUE (pigment_id, lot_number)
);

CREATE TABLE needles (
    id             TEXT PRIMARY KEY NOT NULL,
    brand          TEXT NOT NULL CHECK (length(trim(brand)) > 0),
    configuration  TEXT NOT NULL,
    maker_code     TEXT NOT NULL DEFAULT '',
    diameter_mm    REAL NOT NULL CHECK (diameter_mm > 0),
    taper          TEXT,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at     TEXT NOT NULL
);

CREATE TABLE plans (
    id                       TEXT PRIMARY KEY NOT NULL,
    client_id                TEXT NOT NULL REFERENCES clients (id),
    areas                    TEXT NOT NULL CHECK (json_valid(areas)),
    hairline_style           TEXT,
    desired_look             TEXT NOT NULL,
    target_pigment_id        TEXT REFERENCES pigments (id),
    planned_sessions         INTEGER NOT NULL CHECK (planned_sessions BETWEEN 1 AND 6),
    spacing_days             INTEGER NOT NULL CHECK (spacing_days BETWEEN 1 AND 120),
    touch_up_interval_months INTEGER NOT NULL CHECK (touch_up_interval_months BETWEEN 12 AND 120),
    notes                    TEXT NOT NULL DEFAULT '',
    cancelled_at             TEXT,
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL
);
CREATE INDEX plans_by_client ON plans (client_id, created_at);

CREATE TABLE sessions (
    id                TEXT PRIMARY KEY NOT NULL,
    plan_id           TEXT NOT NULL REFERENCES plans (id),
    client_id         TEXT NOT NULL REFERENCES clients (id),
    number            INTEGER NOT NULL CHECK (number BETWEEN 1 AND 6),
    performed_on      TEXT NOT NULL,
    practitioner_id   TEXT NOT NULL REFERENCES staff (id),
    duration_minutes  INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 720),
    skin_reaction     TEXT,
    pain_score        INTEGER CHECK (pain_score BETWEEN 0 AND 10),
    notes             TEXT NOT NULL DEFAULT '',
    recorded_at       TEXT NOT NULL,
    recorded_by       TEXT REFERENCES staff (id),
    signed_at         TEXT,
    signed_by         TEXT REFERENCES staff (id),
    UNIQUE (plan_id, number),
    CHECK ((signed_at IS NULL) = (signed_by IS NULL))
);
CREATE INDEX sessions_by_client ON sessions (client_id, performed_on);

CREATE TABLE session_zones (
    session_id      TEXT NOT NULL REFERENCES sessions (id),
    position        INTEGER NOT NULL,
    zone            TEXT NOT NULL,
    needle_id       TEXT NOT NULL REFERENCES needles (id),
    cartridge_lot   TEXT NOT NULL,
    depth_mm        REAL NOT NULL CHECK (depth_mm BETWEEN 0.1 AND 3.0),
    target_layer    TEXT NOT NULL DEFAULT '',
    angle_deg       REAL NOT NULL CHECK (angle_deg BETWEEN 0 AND 90),
    machine_speed   REAL,
    stroke_mm       REAL,
    pigment_lot_id  TEXT NOT NULL REFERENCES pigment_lots (id),
    dilution        TEXT NOT NULL,
    density         TEXT NOT NULL,
    PRIMARY KEY (session_id, position)
) WITHOUT ROWID;
CREATE INDEX session_zones_by_pigment_lot ON session_zones (pigment_lot_id);
CREATE INDEX session_zones_by_cartridge_lot ON session_zones (cartridge_lot);

CREATE TABLE amendments (
    id          TEXT PRIMARY KEY NOT NULL,
    session_id  TEXT NOT NULL REFERENCES sessions (id),
    author_id   TEXT REFERENCES staff (id),
    written_at  TEXT NOT NULL,
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0)
);
CREATE INDEX amendments_by_session ON amendments (session_id, written_at);

-- A signed session is a legal record: no UPDATE or DELETE may touch it or its zones, whatever
-- the caller (the core refuses first; these triggers stop raw SQL too). Amendments are insert-only.
CREATE TRIGGER signed_session_no_update BEFORE UPDATE ON sessions
WHEN OLD.signed_at IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'signed session is read-only');
END;

CREATE TRIGGER signed_session_no_delete BEFORE DELETE ON sessions
WHEN OLD.signed_at IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'signed session is read-only');
END;

CREATE TRIGGER signed_zone_no_insert BEFORE INSERT ON session_zones
WHEN (SELECT signed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'signed session is read-only');
END;

CREATE TRIGGER signed_zone_no_update BEFORE UPDATE ON session_zones
WHEN (SELECT signed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
  OR (SELECT signed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'signed session is read-only');
END;

CREATE TRIGGER signed_zone_no_delete BEFORE DELETE ON session_zones
WHEN (SELECT signed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'signed session is read-only');
END;

CREATE TRIGGER amendment_no_update BEFORE UPDATE ON amendments BEGIN
    SELECT RAISE(ABORT, 'amendments are append-only');
END;

CREATE TRIGGER amendment_no_delete BEFORE DELETE ON amendments BEGIN
    SELECT RAISE(ABORT, 'amendments are append-only');
END;

CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY NOT NULL,
    at          TEXT NOT NULL,
    actor_id    TEXT REFERENCES staff (id),
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    action      TEXT NOT NULL,
    before      TEXT CHECK (before IS NULL OR json_valid(before)),
    after       TEXT CHECK (after IS NULL OR json_valid(after))
);
CREATE INDEX audit_by_entity ON audit_log (entity_id, at);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
);
