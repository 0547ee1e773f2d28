-- Hairline schema: staff sign in. Accounts (argon2id password and PIN hashes, one-time setup
-- codes, failed attempts), the front desk role, and the signer's name and role frozen into every
-- signed record and audit entry, so that a later rename or role change never alters them.
-- Shipped migrations are never edited; add a new file instead.

-- ---- the front desk role: the staff table rebuilt with a wider CHECK ----
-- SQLite's own procedure for changing a table: migrations run with foreign keys off (and are
-- checked with foreign_key_check afterwards, see db/open.rs); the legacy rename leaves the other
-- tables' references and triggers naming "staff" as they are, to find the rebuilt table.
PRAGMA legacy_alter_table = ON;

CREATE TABLE staff_rebuilt (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role        TEXT NOT NULL CHECK (role IN ('practitioner', 'manager', 'front_desk')),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
);
INSERT INTO staff_rebuilt (id, name, role, active, created_at, version)
    SELECT id, name, role, active, created_at, version FROM staff;
DROP TABLE staff;
ALTER TABLE staff_rebuilt RENAME TO staff;
PRAGMA legacy_alter_table = OFF;

-- ---- accounts ----
-- One row per staff member who has been given a way to sign in. Hashes are argon2id PHC strings
-- (algorithm, parameters, salt and hash together); the secrets themselves are never stored.
CREATE TABLE staff_accounts (
    staff_id               TEXT PRIMARY KEY NOT NULL REFERENCES staff (id),
    password_hash          TEXT,
    pin_hash               TEXT,
    -- A one-time code a manager gave, to choose a password with; cleared once used.
    setup_code_hash        TEXT,
    setup_code_expires_at  TEXT,
    -- Wrong passwords, PINs and setup codes since the last right one (throttling).
    failed_attempts        INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    last_failed_at         TEXT,
    CHECK ((setup_code_hash IS NULL) = (setup_code_expires_at IS NULL))
) WITHOUT ROWID;

-- Who last signed in with their password at which workstation, on which of the clinic's days: a
-- PIN works only where its owner signed in with their password the same day.
CREATE TABLE password_sign_ins (
    staff_id     TEXT NOT NULL REFERENCES staff (id),
    workstation  TEXT NOT NULL,
    day          TEXT NOT NULL,
    at           TEXT NOT NULL,
    PRIMARY KEY (staff_id, workstation)
) WITHOUT ROWID;

-- ---- the signer, frozen ----
ALTER TABLE sessions ADD COLUMN signed_by_name TEXT;
ALTER TABLE sessions ADD COLUMN signed_by_role TEXT;
ALTER TABLE amendments ADD COLUMN author_name TEXT;
ALTER TABLE amendments ADD COLUMN author_role TEXT;
ALTER TABLE consents ADD COLUMN practitioner_name TEXT;
ALTER TABLE consents ADD COLUMN practitioner_role TEXT;

-- Records signed before this version take the signer's name and role as they are today.
DROP TRIGGER signed_session_no_update;
UPDATE sessions SET
    signed_by_name = (SELECT name FROM staff WHERE staff.id = sessions.signed_by),
    signed_by_role = (SELECT role FROM staff WHERE staff.id = sessions.signed_by)
 WHERE signed_by IS NOT NULL;
-- As in 0006, with the frozen signer among the columns nothing may change.
CREATE TRIGGER signed_session_no_update BEFORE UPDATE ON sessions
WHEN (OLD.signed_at IS NOT NULL AND (
        OLD.client_id NOT IN (SELECT client_id FROM erasure_guard)
        OR NEW.id IS NOT OLD.id OR NEW.rowid IS NOT OLD.rowid OR NEW.plan_id IS NOT OLD.plan_id
        OR NEW.client_id IS NOT OLD.client_id OR NEW.number IS NOT OLD.number
        OR NEW.performed_on IS NOT OLD.performed_on OR NEW.practitioner_id IS NOT OLD.practitioner_id
        OR NEW.duration_minutes IS NOT OLD.duration_minutes OR NEW.recorded_at IS NOT OLD.recorded_at
        OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.signed_at IS NOT OLD.signed_at
        OR NEW.signed_by IS NOT OLD.signed_by OR NEW.version IS NOT OLD.version
        OR NEW.signed_by_name IS NOT OLD.signed_by_name OR NEW.signed_by_role IS NOT OLD.signed_by_role))
  OR EXISTS (SELECT 1 FROM sessions s WHERE s.signed_at IS NOT NULL AND s.id <> OLD.id
    AND (s.id = NEW.id OR s.rowid = NEW.rowid OR (s.plan_id = NEW.plan_id AND s.number = NEW.number)))
BEGIN
    SELECT RAISE(ABORT, 'signed session is read-only');
END;

DROP TRIGGER amendment_no_update;
UPDATE amendments SET
    author_name = (SELECT name FROM staff WHERE staff.id = amendments.author_id),
    author_role = (SELECT role FROM staff WHERE staff.id = amendments.author_id)
 WHERE author_id IS NOT NULL;
CREATE TRIGGER amendment_no_update BEFORE UPDATE ON amendments BEGIN
    SELECT RAISE(ABORT, 'amendments are append-only');
END;

DROP TRIGGER signed_consent_no_update;
UPDATE consents SET
    practitioner_name = (SELECT name FROM staff WHERE staff.id = consents.practitioner_id),
    practitioner_role = (SELECT role FROM staff WHERE staff.id = consents.practitioner_id);
-- As in 0006, with the frozen countersigner among the columns nothing may change.
CREATE TRIGGER signed_consent_no_update BEFORE UPDATE ON consents
WHEN OLD.client_id NOT IN (SELECT client_id FROM erasure_guard)
  OR NEW.id IS NOT OLD.id OR NEW.rowid IS NOT OLD.rowid OR NEW.client_id IS NOT OLD.client_id
  OR NEW.template_version_id IS NOT OLD.template_version_id OR NEW.kind IS NOT OLD.kind
  OR NEW.action IS NOT OLD.action OR NEW.withdraws_id IS NOT OLD.withdraws_id
  OR NEW.title IS NOT OLD.title OR NEW.body IS NOT OLD.body
  OR NEW.photo_clinical IS NOT OLD.photo_clinical OR NEW.photo_marketing IS NOT OLD.photo_marketing
  OR NEW.practitioner_id IS NOT OLD.practitioner_id OR NEW.signed_on IS NOT OLD.signed_on
  OR NEW.signed_at IS NOT OLD.signed_at OR NEW.recorded_by IS NOT OLD.recorded_by
  OR NEW.practitioner_name IS NOT OLD.practitioner_name
  OR NEW.practitioner_role IS NOT OLD.practitioner_role
BEGIN
    SELECT RAISE(ABORT, 'signed consent is read-only; record a withdrawal instead');
END;

-- ---- the audit trail: who acted, in words, frozen at write time ----
-- "Dana Reyes (practitioner)", "the command-line tool (OS user sam)", "Hairline". Entries
-- written from this version on hash it with their content (docs/AUDIT-CHAIN.md: content v2).
ALTER TABLE audit_log ADD COLUMN actor_label TEXT;

DROP TRIGGER audit_no_update;
-- As in 0006, with the actor's label among the columns nothing may change.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
WHEN NEW.id IS NOT OLD.id OR NEW.rowid IS NOT OLD.rowid OR NEW.at IS NOT OLD.at
  OR NEW.actor_id IS NOT OLD.actor_id OR NEW.entity IS NOT OLD.entity
  OR NEW.entity_id IS NOT OLD.entity_id OR NEW.action IS NOT OLD.action
  OR NEW.actor_label IS NOT OLD.actor_label
  OR NOT (
    (OLD.chain_hash IS NULL AND NEW.before IS OLD.before AND NEW.after IS OLD.after
        AND NEW.redacted_at IS NULL AND NEW.seq IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.seq = NEW.seq))
    OR (OLD.chain_hash IS NOT NULL AND EXISTS (SELECT 1 FROM erasure_guard)
        AND NEW.seq IS OLD.seq AND NEW.content_hash IS OLD.content_hash
        AND NEW.chain_hash IS OLD.chain_hash AND NEW.redacted_at IS NOT NULL)
  )
BEGIN
    SELECT RAISE(ABORT, 'audit entries are insert-only and chained');
END;
