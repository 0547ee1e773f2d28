-- Hairline schema version 2: clinic sites, appointments, recalls and clinic settings.
-- Shipped migrations are never edited; add a new file instead.

CREATE TABLE sites (
    id           TEXT PRIMARY KEY NOT NULL,
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0) UNIQUE,
    address      TEXT NOT NULL DEFAULT '',
    -- IANA time zone name, e.g. Europe/London, Asia/Dubai.
    time_zone    TEXT NOT NULL,
    -- JSON array of {weekday, opens, closes} in the site's local time; a weekday absent is closed.
    hours        TEXT NOT NULL CHECK (json_valid(hours)),
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at   TEXT NOT NULL
);

CREATE TABLE staff_sites (
    staff_id  TEXT NOT NULL REFERENCES staff (id),
    site_id   TEXT NOT NULL REFERENCES sites (id),
    PRIMARY KEY (staff_id, site_id)
) WITHOUT ROWID;

-- Clustered by start time (WITHOUT ROWID, keyed on starts_at then id): a day or week of the
-- calendar is a run of neighbouring pages, not a page per appointment.
CREATE TABLE appointments (
    id               TEXT NOT NULL UNIQUE,
    site_id          TEXT NOT NULL REFERENCES sites (id),
    client_id        TEXT NOT NULL REFERENCES clients (id),
    practitioner_id  TEXT NOT NULL REFERENCES staff (id),
    kind             TEXT NOT NULL,
    -- UTC instants; shown in the site's time zone.
    starts_at        TEXT NOT NULL,
    ends_at          TEXT NOT NULL CHECK (ends_at > starts_at),
    plan_id          TEXT REFERENCES plans (id),
    session_number   INTEGER CHECK (session_number BETWEEN 1 AND 6),
    status           TEXT NOT NULL CHECK (status IN ('booked', 'attended', 'no_show', 'cancelled')),
    notes            TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (session_number IS NULL OR plan_id IS NOT NULL),
    PRIMARY KEY (starts_at, id)
) WITHOUT ROWID;
CREATE INDEX appointments_by_practitioner ON appointments (practitioner_id, starts_at);
CREATE INDEX appointments_by_client ON appointments (client_id, starts_at);

CREATE TABLE recalls (
    id                TEXT PRIMARY KEY NOT NULL,
    client_id         TEXT NOT NULL REFERENCES clients (id),
    plan_id           TEXT NOT NULL REFERENCES plans (id),
    kind              TEXT NOT NULL CHECK (kind IN ('next_session', 'touch_up')),
    -- For a next-session recall: the session number that is due.
    session_number    INTEGER CHECK ((kind = 'next_session') = (session_number IS NOT NULL)),
    -- The practitioner who last treated the client on this plan, for the worklist filter.
    practitioner_id   TEXT REFERENCES staff (id),
    due_on            TEXT NOT NULL,
    -- Set by hand: never recalculated afterwards.
    due_manual        INTEGER NOT NULL DEFAULT 0 CHECK (due_manual IN (0, 1)),
    state             TEXT NOT NULL CHECK (state IN ('due', 'contacted', 'booked', 'snoozed', 'declined', 'done', 'cancelled')),
    snoozed_until     TEXT,
    disabled_until    TEXT,
    declined_reason   TEXT NOT NULL DEFAULT '',
    appointment_id    TEXT REFERENCES appointments (id),
    attempts          INTEGER NOT NULL DEFAULT 0,
    unanswered        INTEGER NOT NULL DEFAULT 0,
    flagged           INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
    last_contact_at   TEXT,
    last_contact_outcome TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    closed_at         TEXT
);
-- The worklist is a range scan over open recalls by due date (flagged ones apart); the index
-- carries every column the worklist filters on, so counting needs no table lookups.
CREATE INDEX recalls_open_by_due ON recalls (flagged, due_on, snoozed_until, disabled_until, last_contact_at, client_id)
    WHERE state IN ('due', 'contacted', 'snoozed');
CREATE INDEX recalls_by_plan ON recalls (plan_id);
CREATE INDEX recalls_by_client ON recalls (client_id);
CREATE INDEX recalls_by_appointment ON recalls (appointment_id) WHERE appointment_id IS NOT NULL;

CREATE TABLE recall_contacts (
    id          TEXT PRIMARY KEY NOT NULL,
    recall_id   TEXT NOT NULL REFERENCES recalls (id),
    at          TEXT NOT NULL,
    staff_id    TEXT REFERENCES staff (id),
    channel     TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX recall_contacts_by_recall ON recall_contacts (recall_id, at);

-- Calendar and worklist rows show the client's name: a narrow covering index serves that join
-- without touching the wide client rows.
CREATE INDEX clients_names ON clients (id, number, first_name, last_name);

-- Archived clients are few: the worklist excludes them through this small index.
CREATE INDEX clients_archived ON clients (id) WHERE archived_at IS NOT NULL;

-- Facts about the client and plan that the clinic's touch-up rules adjust for.
ALTER TABLE clients ADD COLUMN sun_exposure TEXT;
ALTER TABLE plans ADD COLUMN finish TEXT;
-- Set when the practitioner chose the touch-up interval instead of taking the suggestion.
ALTER TABLE plans ADD COLUMN touch_up_interval_manual INTEGER NOT NULL DEFAULT 0;
