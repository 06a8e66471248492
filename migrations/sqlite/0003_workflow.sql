-- Officials' handling of cases: accounts and sessions, the columns handling changes, answer
-- terms per agency and category, the year's announced days off and make-up working days,
-- response templates, and the record of daily digests sent.

CREATE TABLE officials (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    -- officer, lead, coordinator or admin.
    role           TEXT NOT NULL,
    agency         TEXT NOT NULL REFERENCES agencies (code),
    -- argon2id, in the PHC string format.
    password_hash  TEXT NOT NULL,
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX officials_by_agency ON officials (agency, role);

-- Server-side sessions, so that several instances share them. Only the token's SHA-256 is kept.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    official_id  INTEGER NOT NULL REFERENCES officials (id),
    -- The value every form of this session must send back.
    csrf         TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL
);
CREATE INDEX sessions_by_official ON sessions (official_id);

-- Sign-in attempts, for throttling per account and per address.
CREATE TABLE login_attempts (
    id       INTEGER PRIMARY KEY,
    at       TIMESTAMP NOT NULL,
    email    TEXT NOT NULL,
    address  TEXT NOT NULL,
    success  BOOLEAN NOT NULL
);
CREATE INDEX login_attempts_by_email ON login_attempts (email, at);
CREATE INDEX login_attempts_by_address ON login_attempts (address, at);

ALTER TABLE cases ADD COLUMN assignee INTEGER REFERENCES officials (id);
ALTER TABLE cases ADD COLUMN answer_term_amount INTEGER NOT NULL DEFAULT 20;
ALTER TABLE cases ADD COLUMN answer_term_unit TEXT NOT NULL DEFAULT 'days';
ALTER TABLE cases ADD COLUMN paused_on TEXT;
ALTER TABLE cases ADD COLUMN publish_due TEXT;
ALTER TABLE cases ADD COLUMN progress_due TEXT;
-- The date that governs the case now (classification, answer or publication); NULL when none
-- runs (paused or finished). The queue sorts and filters on it.
ALTER TABLE cases ADD COLUMN next_due TEXT;
ALTER TABLE cases ADD COLUMN answer TEXT;
-- The question as published, when an official redacted personal details from it.
ALTER TABLE cases ADD COLUMN public_title TEXT;
ALTER TABLE cases ADD COLUMN public_content TEXT;
ALTER TABLE cases ADD COLUMN published_at TIMESTAMP;
ALTER TABLE cases ADD COLUMN rating TEXT;
ALTER TABLE cases ADD COLUMN rating_reason TEXT;
ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- Title and content folded for search (lower case, no marks), for the officials' queue.
ALTER TABLE cases ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
-- The published wording (redacted question and answer) folded, for the public list's search.
ALTER TABLE cases ADD COLUMN public_search TEXT NOT NULL DEFAULT '';
UPDATE cases SET next_due = classify_due WHERE status = 'received';
UPDATE cases SET next_due = answer_due WHERE status IN ('in_progress', 'answer_drafted');
CREATE INDEX cases_queue ON cases (agency, next_due, id);
CREATE INDEX cases_by_assignee ON cases (assignee, next_due);
CREATE INDEX cases_published ON cases (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX cases_by_due ON cases (next_due);

-- What changed with an event: {"status": [before, after], "agency": [...], "assignee": [...]}.
ALTER TABLE case_events ADD COLUMN change TEXT;

-- Answer terms: either side may be empty to match anything; the most specific wins.
CREATE TABLE answer_terms (
    id        INTEGER PRIMARY KEY,
    agency    TEXT REFERENCES agencies (code),
    category  TEXT,
    amount    INTEGER NOT NULL,
    -- days or working_days
    unit      TEXT NOT NULL
);

-- Each year's announced changes to the working calendar (administrators enter them).
CREATE TABLE calendar_days (
    day   TEXT PRIMARY KEY,
    -- announced_day_off or make_up_working_day
    kind  TEXT NOT NULL,
    note  TEXT NOT NULL
);

-- Answers an agency keeps ready to adapt.
CREATE TABLE response_templates (
    id      INTEGER PRIMARY KEY,
    agency  TEXT NOT NULL REFERENCES agencies (code),
    title   TEXT NOT NULL,
    body    TEXT NOT NULL
);

-- One row per agency and day a digest was written to the outbox: the key makes the daily job
-- idempotent however many instances run it.
CREATE TABLE digests (
    agency   TEXT NOT NULL REFERENCES agencies (code),
    day      TEXT NOT NULL,
    sent_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (agency, day)
);
