-- Hairline schema: photos and signed consent.
-- Shipped migrations are never edited; add a new file instead.

-- A client's photo. The image itself is a file in the photo folder named by the SHA-256 of its
-- stored bytes (`sha256` + the format's extension); this row is what makes that file a photo.
CREATE TABLE photos (
    id               TEXT PRIMARY KEY NOT NULL,
    client_id        TEXT NOT NULL REFERENCES clients (id),
    session_id       TEXT REFERENCES sessions (id),
    view             TEXT NOT NULL,
    taken_on         TEXT NOT NULL,
    taken_from_exif  INTEGER NOT NULL CHECK (taken_from_exif IN (0, 1)),
    notes            TEXT NOT NULL DEFAULT '',
    consent_use      TEXT NOT NULL CHECK (consent_use IN ('clinical_only', 'marketing_allowed')),
    sha256           TEXT NOT NULL CHECK (length(sha256) = 64),
    -- The hash of the file as it was imported, so re-importing it is recognised before decoding.
    source_sha256    TEXT NOT NULL CHECK (length(source_sha256) = 64),
    format           TEXT NOT NULL CHECK (format IN ('jpeg', 'png')),
    width            INTEGER NOT NULL CHECK (width > 0),
    height           INTEGER NOT NULL CHECK (height > 0),
    byte_size        INTEGER NOT NULL CHECK (byte_size > 0),
    original_name    TEXT NOT NULL DEFAULT '',
    added_at         TEXT NOT NULL,
    added_by         TEXT REFERENCES staff (id),
    updated_at       TEXT NOT NULL,
    UNIQUE (client_id, sha256)
);
CREATE INDEX photos_by_client ON photos (client_id, view, taken_on);
CREATE INDEX photos_by_source ON photos (client_id, source_sha256);
CREATE INDEX photos_by_session ON photos (session_id);

-- A consent document the clinic edits. Its text lives in numbered, insert-only versions.
CREATE TABLE consent_templates (
    id          TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('smp_treatment', 'photo', 'data_processing')),
    created_at  TEXT NOT NULL
);

CREATE TABLE consent_template_versions (
    id           TEXT PRIMARY KEY NOT NULL,
    template_id  TEXT NOT NULL REFERENCES consent_templates (id),
    version      INTEGER NOT NULL CHECK (version >= 1),
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    body         TEXT NOT NULL CHECK (length(trim(body)) > 0),
    questions    TEXT NOT NULL CHECK (json_valid(questions)),
    created_at   TEXT NOT NULL,
    created_by   TEXT REFERENCES staff (id),
    UNIQUE (template_id, version)
);

-- A signed consent (`grant`) or the dated withdrawal of one (`withdraw`). It holds its own copy
-- of the text signed, the answers, both signatures and the time: it is never changed or deleted.
CREATE TABLE consents (
    id                      TEXT PRIMARY KEY NOT NULL,
    client_id               TEXT NOT NULL REFERENCES clients (id),
    template_version_id     TEXT NOT NULL REFERENCES consent_template_versions (id),
    kind                    TEXT NOT NULL CHECK (kind IN ('smp_treatment', 'photo', 'data_processing')),
    action                  TEXT NOT NULL CHECK (action IN ('grant', 'withdraw')),
    withdraws_id            TEXT REFERENCES consents (id),
    title                   TEXT NOT NULL,
    body                    TEXT NOT NULL,
    answers                 TEXT NOT NULL CHECK (json_valid(answers)),
    photo_clinical          INTEGER CHECK (photo_clinical IN (0, 1)),
    photo_marketing         INTEGER CHECK (photo_marketing IN (0, 1)),
    reason                  TEXT NOT NULL DEFAULT '',
    client_signature        TEXT,
    practitioner_id         TEXT NOT NULL REFERENCES staff (id),
    practitioner_signature  TEXT,
    signed_on               TEXT NOT NULL,
    signed_at               TEXT NOT NULL,
    recorded_by             TEXT REFERENCES staff (id),
    CHECK ((action = 'withdraw') = (withdraws_id IS NOT NULL)),
    CHECK (action = 'withdraw' OR (client_signature IS NOT NULL AND practitioner_signature IS NOT NULL)),
    CHECK ((kind = 'photo' AND action = 'grant') = (photo_clinical IS NOT NULL AND photo_marketing IS NOT NULL))
);
CREATE INDEX consents_by_client ON consents (client_id, kind, signed_on);
CREATE UNIQUE INDEX consents_one_withdrawal ON consents (withdraws_id) WHERE withdraws_id IS NOT NULL;

-- Signed text is a legal record: template versions and consents are insert-only, whatever the
-- caller (the core never updates them; these triggers stop raw SQL too).
CREATE TRIGGER consent_template_version_no_update BEFORE UPDATE ON consent_template_versions BEGIN
    SELECT RAISE(ABORT, 'consent template versions are read-only; add a new version');
END;

CREATE TRIGGER consent_template_version_no_delete BEFORE DELETE ON consent_template_versions BEGIN
    SELECT RAISE(ABORT, 'consent template versions are read-only; add a new version');
END;

CREATE TRIGGER signed_consent_no_update BEFORE UPDATE ON consents BEGIN
    SELECT RAISE(ABORT, 'signed consent is read-only; record a withdrawal instead');
END;

CREATE TRIGGER signed_consent_no_delete BEFORE DELETE ON consents BEGIN
    SELECT RAISE(ABORT, 'signed consent is read-only; record a withdrawal instead');
END;
