-- Feedback and petitions (PAKN): areas and routing rules, cases with their append-only events
-- and attachments, the per-day counter behind case codes, and the e-mail outbox.

-- Areas a submitter can name (communes and wards of the province); `agency` is the local
-- people's committee, when the portal lists it.
CREATE TABLE areas (
    code    TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    agency  TEXT REFERENCES agencies (code)
);

-- (category, area) → agency; either side may be left empty to match anything.
CREATE TABLE routing_rules (
    id        INTEGER PRIMARY KEY,
    category  TEXT,
    area      TEXT REFERENCES areas (code),
    agency    TEXT NOT NULL REFERENCES agencies (code),
    note      TEXT NOT NULL DEFAULT ''
);

-- The last number given on each day (UTC+7), taken with an upsert in the submitting transaction.
CREATE TABLE case_counters (
    day   TEXT PRIMARY KEY,
    last  INTEGER NOT NULL
);

CREATE TABLE cases (
    id                INTEGER PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE,
    channel           TEXT NOT NULL,
    status            TEXT NOT NULL,
    category          TEXT NOT NULL,
    submitter_kind    TEXT NOT NULL,
    organisation      TEXT,
    name              TEXT NOT NULL,
    address           TEXT NOT NULL,
    phone             TEXT NOT NULL,
    email             TEXT,
    show_name         BOOLEAN NOT NULL,
    title             TEXT NOT NULL,
    content           TEXT NOT NULL,
    procedure_code    TEXT,
    concerned_agency  TEXT REFERENCES agencies (code),
    area              TEXT REFERENCES areas (code),
    agency            TEXT NOT NULL REFERENCES agencies (code),
    received_at       TIMESTAMP NOT NULL,
    -- The working day the legal periods count from, and the due dates computed at receipt.
    received_on       TEXT NOT NULL,
    classify_due      TEXT NOT NULL,
    answer_due        TEXT NOT NULL,
    -- A likely duplicate (same contact, similar text, within 30 days): flagged, not refused.
    duplicate_of      TEXT,
    updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX cases_by_agency ON cases (agency, status);
CREATE INDEX cases_by_phone ON cases (phone, received_at);
CREATE INDEX cases_by_email ON cases (email, received_at);

-- Private follow-up links: the SHA-256 of each token (the token itself is only in the link and
-- the e-mail). A case gets one at submission and one more at each successful look-up by code.
CREATE TABLE case_tokens (
    token_hash  TEXT PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE case_events (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES cases (id),
    at       TIMESTAMP NOT NULL,
    -- `submitter`, `system`, or a staff account.
    actor    TEXT NOT NULL,
    kind     TEXT NOT NULL,
    -- Whether the public timeline shows it (personal details never go into a public event).
    public   BOOLEAN NOT NULL,
    data     TEXT NOT NULL
);
CREATE INDEX case_events_by_case ON case_events (case_id, id);

CREATE TABLE attachments (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases (id),
    event_id      INTEGER NOT NULL REFERENCES case_events (id),
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    -- Name of the file under the data folder's `uploads/`.
    storage_key   TEXT NOT NULL UNIQUE,
    sha256        TEXT NOT NULL
);
CREATE INDEX attachments_by_case ON attachments (case_id);

-- Every e-mail is written here in the transaction that causes it; a worker delivers it.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER REFERENCES cases (id),
    recipient        TEXT NOT NULL,
    subject          TEXT NOT NULL,
    text_body        TEXT NOT NULL,
    html_body        TEXT NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    next_attempt_at  TIMESTAMP NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    -- A worker holds a message until this time while it sends; another takes it after.
    claimed_until    TIMESTAMP,
    sent_at          TIMESTAMP,
    -- Given up after too many attempts (kept, with its attempts, for an administrator).
    failed_at        TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

CREATE TABLE outbox_attempts (
    id          INTEGER PRIMARY KEY,
    message_id  INTEGER NOT NULL REFERENCES outbox (id),
    at          TIMESTAMP NOT NULL,
    error       TEXT
);
