-- What a client's record keeps from the system the clinic moved from, set by the CSV import:
-- the other system's ID for the client (so either record is found from the other) and the day
-- they became a client there (shown as "Client since"; `created_at` stays the day the record
-- entered Hairline).
ALTER TABLE clients ADD COLUMN external_reference TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN client_since TEXT;

-- The reference is searched like the name, phone and email: the search index gains a column.
-- An FTS5 table cannot gain one, so it is made again and filled from the clients.
DROP TRIGGER clients_search_insert;
DROP TRIGGER clients_search_update;
DROP TRIGGER clients_search_delete;
DROP TABLE client_search;

CREATE VIRTUAL TABLE client_search USING fts5 (
    name, phone, email, reference,
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2"
);

INSERT INTO client_search (rowid, name, phone, email, reference)
    SELECT number, search_name, search_phone, email, external_reference FROM clients;

CREATE TRIGGER clients_search_insert AFTER INSERT ON clients BEGIN
    INSERT INTO client_search (rowid, name, phone, email, reference) VALUES (
        NEW.number,
        NEW.search_name,
        NEW.search_phone,
        NEW.email,
        NEW.external_reference
    );
END;

CREATE TRIGGER clients_search_update
AFTER UPDATE OF first_name, last_name, phone, email, number, external_reference ON clients BEGIN
    DELETE FROM client_search WHERE rowid = OLD.number;
    INSERT INTO client_search (rowid, name, phone, email, reference) VALUES (
        NEW.number,
        NEW.search_name,
        NEW.search_phone,
        NEW.email,
        NEW.external_reference
    );
END;

CREATE TRIGGER clients_search_delete AFTER DELETE ON clients BEGIN
    DELETE FROM client_search WHERE rowid = OLD.number;
END;
