-- Hairline schema: the workstations paired with a clinic server, and the one-time codes that
-- pair them. Only hashes are stored (SHA-256 of a 128-bit random token, of a code); a device is
-- revoked, never deleted, so the record of who was let in stays.
-- Shipped migrations are never edited; add a new file instead.

CREATE TABLE paired_devices (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    token_hash  TEXT NOT NULL UNIQUE,
    paired_at   TEXT NOT NULL,
    last_seen_at TEXT,
    revoked_at  TEXT
) WITHOUT ROWID;

-- A code is good once, until it expires, and not after a few wrong codes were tried while it
-- was outstanding.
CREATE TABLE pairing_codes (
    code_hash    TEXT PRIMARY KEY NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    used_at      TEXT,
    wrong_tries  INTEGER NOT NULL DEFAULT 0 CHECK (wrong_tries >= 0)
) WITHOUT ROWID;
