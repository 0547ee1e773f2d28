-- Hairline schema: insert-only legal records, whatever the connection's settings; the audit
-- trail as a hash chain; the erasure ledger and the guard that is the only way erasure gets past
-- the triggers. (See docs/AUDIT-CHAIN.md.)
-- Shipped migrations are never edited; add a new file instead.
--
-- Why BEFORE INSERT triggers: `INSERT OR REPLACE` (and `REPLACE`, and `UPDATE OR REPLACE`)
-- deletes the row it collides with *without firing delete triggers* unless the connection turned
-- `recursive_triggers` on — SQLite's default is off. So every protected table refuses an insert
-- (or an update) whose keys — its id, its rowid, every unique key — already belong to a
-- protected row: the implicit delete never happens. Update and delete triggers do the rest.

-- An erasure in progress: a row exists only inside the erasure's own transaction (the core
-- inserts it first and deletes it before commit). The triggers below let that client's protected
-- rows be redacted while it exists. It can be opened only for a client already in the erasure
-- ledger, which is insert-only: whoever opens it has recorded an erasure that every restore
-- re-applies.
CREATE TABLE erasure_ledger (
    client_id  TEXT PRIMARY KEY NOT NULL,
    erased_on  TEXT NOT NULL
) WITHOUT ROWID;

-- Erasures made before the ledger existed.
INSERT INTO erasure_ledger (client_id, erased_on)
    SELECT entity_id, min(substr(at, 1, 10)) FROM audit_log
     WHERE entity = 'client' AND action = 'erase' GROUP BY entity_id;

CREATE TABLE erasure_guard (
    client_id  TEXT PRIMARY KEY NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER erasure_guard_needs_ledger BEFORE INSERT ON erasure_guard
WHEN NOT EXISTS (SELECT 1 FROM erasure_ledger WHERE client_id = NEW.client_id) BEGIN
    SELECT RAISE(ABORT, 'an erasure is opened only for a client in the erasure ledger');
END;

CREATE TRIGGER erasure_guard_no_update BEFORE UPDATE ON erasure_guard BEGIN
    SELECT RAISE(ABORT, 'the erasure guard is not updated');
END;

CREATE TRIGGER erasure_ledger_no_replace BEFORE INSERT ON erasure_ledger
WHEN EXISTS (SELECT 1 FROM erasure_ledger WHERE client_id = NEW.client_id) BEGIN
    SELECT RAISE(ABORT, 'the erasure ledger is insert-only');
END;

CREATE TRIGGER erasure_ledger_no_update BEFORE UPDATE ON erasure_ledger BEGIN
    SELECT RAISE(ABORT, 'the erasure ledger is insert-only');
END;

CREATE TRIGGER erasure_ledger_no_delete BEFORE DELETE ON erasure_ledger BEGIN
    SELECT RAISE(ABORT, 'the erasure ledger is insert-only');
END;

-- Photo files an erasure still has to remove from the photo folder: written in the erasure's
-- transaction, each row deleted once its file is gone, so a failed removal is resumed.
CREATE TABLE photo_files_to_remove (
    sha256     TEXT PRIMARY KEY NOT NULL,
    format     TEXT NOT NULL,
    client_id  TEXT NOT NULL
) WITHOUT ROWID;

-- ---- signed sessions ----
CREATE TRIGGER signed_session_no_replace BEFORE INSERT ON sessions
WHEN EXISTS (SELECT 1 FROM sessions s WHERE s.signed_at IS NOT NULL
    AND (s.id = NEW.id OR s.rowid = NEW.rowid OR (s.plan_id = NEW.plan_id AND s.number = NEW.number)))
BEGIN
    SELECT RAISE(ABORT, 'signed session is read-only');
END;

DROP TRIGGER signed_session_no_update;
-- A draft may be edited and signed; a signed session only loses its free text, and only inside
-- an erasure of its client. No update may take over a signed session's keys (UPDATE OR REPLACE).
CREATE TRIGGER signed_session_no_update BEFORE UPDATE ON sessions
WHEN (OLD.signed_at IS NOT NULL AND (
        OLD.client_id NOT IN (SELECT client_id FROM erasure_guard)
        OR NEW.id IS NOT OLD.id OR NEW.rowid IS NOT OLD.rowid OR NEW.plan_id IS NOT OLD.plan_id
        OR NEW.client_id IS NOT OLD.client_id OR NEW.number IS NOT OLD.number
        OR NEW.performed_on IS NOT OLD.performed_on OR NEW.practitioner_id IS NOT OLD.practitioner_id
        OR NEW.duration_minutes IS NOT OLD.duration_minutes OR NEW.recorded_at IS NOT OLD.recorded_at
        OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.signed_at IS NOT OLD.signed_at
        OR NEW.signed_by IS NOT OLD.signed_by OR NEW.version IS NOT OLD.version))
  OR EXISTS (SELECT 1 FROM sessions s WHERE s.signed_at IS NOT NULL AND s.id <> OLD.id
    AND (s.id = NEW.id OR s.rowid = NEW.rowid OR (s.plan_id = NEW.plan_id AND s.number = NEW.number)))
BEGIN
    SELECT RAISE(ABORT, 'signed session is read-only');
END;

-- ---- amendments ----
CREATE TRIGGER amendment_no_replace BEFORE INSERT ON amendments
WHEN EXISTS (SELECT 1 FROM amendments a WHERE a.id = NEW.id OR a.rowid = NEW.rowid) BEGIN
    SELECT RAISE(ABORT, 'amendments are append-only');
END;

DROP TRIGGER amendment_no_delete;
CREATE TRIGGER amendment_no_delete BEFORE DELETE ON amendments
WHEN (SELECT client_id FROM sessions WHERE id = OLD.session_id) NOT IN (SELECT client_id FROM erasure_guard)
  OR (SELECT client_id FROM sessions WHERE id = OLD.session_id) IS NULL
BEGIN
    SELECT RAISE(ABORT, 'amendments are append-only');
END;

-- ---- consent template versions ----
CREATE TRIGGER consent_template_version_no_replace BEFORE INSERT ON consent_template_versions
WHEN EXISTS (SELECT 1 FROM consent_template_versions v WHERE v.id = NEW.id OR v.rowid = NEW.rowid
    OR (v.template_id = NEW.template_id AND v.version = NEW.version))
BEGIN
    SELECT RAISE(ABORT, 'consent template versions are read-only; add a new version');
END;

-- ---- signed consents ----
CREATE TRIGGER signed_consent_no_replace BEFORE INSERT ON consents
WHEN EXISTS (SELECT 1 FROM consents c WHERE c.id = NEW.id OR c.rowid = NEW.rowid
    OR (NEW.withdraws_id IS NOT NULL AND c.withdraws_id = NEW.withdraws_id))
BEGIN
    SELECT RAISE(ABORT, 'signed consent is read-only; record a withdrawal instead');
END;

DROP TRIGGER signed_consent_no_update;
-- Only an erasure of the client may redact a consent: its answers, signatures and reason.
CREATE TRIGGER signed_consent_no_update BEFORE UPDATE ON consents
WHEN OLD.client_id NOT IN (SELECT client_id FROM erasure_guard)
  OR NEW.id IS NOT OLD.id OR NEW.rowid IS NOT OLD.rowid OR NEW.client_id IS NOT OLD.client_id
  OR NEW.template_version_id IS NOT OLD.template_version_id OR NEW.kind IS NOT OLD.kind
  OR NEW.action IS NOT OLD.action OR NEW.withdraws_id IS NOT OLD.withdraws_id
  OR NEW.title IS NOT OLD.title OR NEW.body IS NOT OLD.body
  OR NEW.photo_clinical IS NOT OLD.photo_clinical OR NEW.photo_marketing IS NOT OLD.photo_marketing
  OR NEW.practitioner_id IS NOT OLD.practitioner_id OR NEW.signed_on IS NOT OLD.signed_on
  OR NEW.signed_at IS NOT OLD.signed_at OR NEW.recorded_by IS NOT OLD.recorded_by
BEGIN
    SELECT RAISE(ABORT, 'signed consent is read-only; record a withdrawal instead');
END;

-- ---- the audit trail: a hash chain (docs/AUDIT-CHAIN.md) ----
-- seq: the entry's place in the chain (1, 2, 3, …); content_hash: SHA-256 of the entry's
-- canonical content when it was written; chain_hash: SHA-256 over the previous entry's
-- chain_hash, seq and content_hash; redacted_at: when an erasure redacted its snapshots (its
-- content then no longer matches content_hash, and a later `redact` entry records what it is now).
-- Entries written before this version are chained by the migration, in the order they were written.
ALTER TABLE audit_log ADD COLUMN seq INTEGER;
ALTER TABLE audit_log ADD COLUMN content_hash TEXT;
ALTER TABLE audit_log ADD COLUMN chain_hash TEXT;
ALTER TABLE audit_log ADD COLUMN redacted_at TEXT;
CREATE UNIQUE INDEX audit_by_seq ON audit_log (seq);

CREATE TRIGGER audit_insert_chained BEFORE INSERT ON audit_log
WHEN NEW.seq IS NULL OR length(NEW.content_hash) IS NOT 64 OR length(NEW.chain_hash) IS NOT 64
  OR NEW.redacted_at IS NOT NULL
  OR EXISTS (SELECT 1 FROM audit_log a WHERE a.id = NEW.id OR a.rowid = NEW.rowid OR a.seq = NEW.seq)
BEGIN
    SELECT RAISE(ABORT, 'audit entries are insert-only and chained');
END;

-- Two updates only: chaining an entry written before chaining existed (its content untouched),
-- and an erasure's redaction of the snapshots (its place and hashes untouched).
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
WHEN NEW.id IS NOT OLD.id OR NEW.rowid IS NOT OLD.rowid OR NEW.at IS NOT OLD.at
  OR NEW.actor_id IS NOT OLD.actor_id OR NEW.entity IS NOT OLD.entity
  OR NEW.entity_id IS NOT OLD.entity_id OR NEW.action IS NOT OLD.action
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

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit entries are insert-only and chained');
END;
