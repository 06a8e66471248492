-- The procedure directory: agencies, fields (lĩnh vực), procedures with their revisions, and
-- full-text vectors over their folded text.

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

-- The text is folded in Rust before it is stored (see domain::text), and the 'simple'
-- configuration neither stems nor drops words: both engines index exactly the same words.
CREATE TABLE procedures (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE,
    -- The first two segments of a local instance's code, so a national code finds it.
    national_code      TEXT NOT NULL,
    name               TEXT NOT NULL,
    status             TEXT NOT NULL,
    in_force           BOOLEAN NOT NULL,
    online_level       TEXT NOT NULL,
    level_mask         BIGINT NOT NULL,
    for_individuals    BOOLEAN NOT NULL,
    for_organisations  BOOLEAN NOT NULL,
    popularity         BIGINT NOT NULL,
    -- Position in the directory's order (in force first, most used first, then by code),
    -- renumbered after every import.
    search_rank        BIGINT NOT NULL DEFAULT 0,
    revision           BIGINT NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    summary            TEXT NOT NULL,
    record             TEXT NOT NULL,
    name_search        TEXT NOT NULL,
    body_search        TEXT NOT NULL,
    -- Filter values as index tokens (level, field, agency, subject, online level, status).
    facets             TEXT NOT NULL,
    name_vector        TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', name_search)) STORED,
    body_vector        TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', body_search)) STORED,
    all_vector         TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', name_search || ' ' || body_search)) STORED,
    facet_vector       TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', facets)) STORED
);
CREATE INDEX procedures_by_rank ON procedures (search_rank);
CREATE INDEX procedures_by_national_code ON procedures (national_code);
CREATE INDEX procedures_name_vector ON procedures USING GIN (name_vector);
CREATE INDEX procedures_all_vector ON procedures USING GIN (all_vector);
CREATE INDEX procedures_facet_vector ON procedures USING GIN (facet_vector);

CREATE TABLE procedure_revisions (
    procedure_id  BIGINT NOT NULL REFERENCES procedures (id),
    number        BIGINT NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL,
    record        TEXT NOT NULL,
    PRIMARY KEY (procedure_id, number)
);

CREATE TABLE procedure_fields (
    field_code    TEXT NOT NULL REFERENCES fields (code),
    procedure_id  BIGINT NOT NULL REFERENCES procedures (id),
    PRIMARY KEY (field_code, procedure_id)
);
CREATE INDEX procedure_fields_by_procedure ON procedure_fields (procedure_id);

-- Agencies are linked by code without a foreign key: a national record may name agencies this
-- portal does not list, and the link still lets the page show them once they are added.
CREATE TABLE procedure_agencies (
    agency_code   TEXT NOT NULL,
    procedure_id  BIGINT NOT NULL REFERENCES procedures (id),
    role          TEXT NOT NULL,
    PRIMARY KEY (agency_code, procedure_id, role)
);
CREATE INDEX procedure_agencies_by_procedure ON procedure_agencies (procedure_id);
