-- The procedure directory: agencies, fields (lĩnh vực), procedures with their revisions, and
-- the full-text index over their folded text.

CREATE TABLE agencies (
    code          TEXT PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    level         TEXT NOT NULL,
    parent        TEXT,
    email         TEXT NOT NULL,
    phone         TEXT NOT NULL,
    address       TEXT NOT NULL,
    office_hours  TEXT NOT NULL,
    cutoff        TEXT NOT NULL,
    website       TEXT,
    coordinating  BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE fields (
    code  TEXT PRIMARY KEY,
    name  TEXT NOT NULL
);

CREATE TABLE procedures (
    id                 INTEGER PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE,
    -- The first two segments of a local instance's code, so a national code finds it.
    national_code      TEXT NOT NULL,
    name               TEXT NOT NULL,
    status             TEXT NOT NULL,
    in_force           BOOLEAN NOT NULL,
    online_level       TEXT NOT NULL,
    level_mask         INTEGER NOT NULL,
    for_individuals    BOOLEAN NOT NULL,
    for_organisations  BOOLEAN NOT NULL,
    popularity         INTEGER NOT NULL,
    -- Position in the directory's order (in force first, most used first, then by code),
    -- renumbered after every import: searches read matches in this order and stop early.
    search_rank        INTEGER NOT NULL DEFAULT 0,
    revision           INTEGER NOT NULL,
    updated_at         TEXT NOT NULL,
    summary            TEXT NOT NULL,
    record             TEXT NOT NULL,
    name_search        TEXT NOT NULL,
    body_search        TEXT NOT NULL,
    -- Filter values as index tokens (level, field, agency, subject, online level, status).
    facets             TEXT NOT NULL
);
CREATE INDEX procedures_by_rank ON procedures (search_rank);
CREATE INDEX procedures_by_national_code ON procedures (national_code);

CREATE TABLE procedure_revisions (
    procedure_id  INTEGER NOT NULL REFERENCES procedures (id),
    number        INTEGER NOT NULL,
    recorded_at   TEXT NOT NULL,
    record        TEXT NOT NULL,
    PRIMARY KEY (procedure_id, number)
);

CREATE TABLE procedure_fields (
    field_code    TEXT NOT NULL REFERENCES fields (code),
    procedure_id  INTEGER NOT NULL REFERENCES procedures (id),
    PRIMARY KEY (field_code, procedure_id)
);
CREATE INDEX procedure_fields_by_procedure ON procedure_fields (procedure_id);

-- Agencies are linked by code without a foreign key: a national record may name agencies this
-- portal does not list, and the link still lets the page show them once they are added.
CREATE TABLE procedure_agencies (
    agency_code   TEXT NOT NULL,
    procedure_id  INTEGER NOT NULL REFERENCES procedures (id),
    role          TEXT NOT NULL,
    PRIMARY KEY (agency_code, procedure_id, role)
);
CREATE INDEX procedure_agencies_by_procedure ON procedure_agencies (procedure_id);

-- The text is folded in Rust before it is stored (see domain::text), so the tokenizer must not
-- fold again: both engines then index exactly the same words. The rowid is the procedure's
-- search_rank, so FTS5 yields matches in the directory's order; the store rebuilds the table
-- after each import, when ranks are renumbered.
CREATE VIRTUAL TABLE procedure_search USING fts5 (
    name_search, body_search, facets,
    content = '',
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3'
);
