-- The one-stop satisfaction survey (civicdesk_domain::survey): each survey with its answers (JSON,
-- by question) and its comment, which is never shown publicly; and the running totals of the
-- answers by day, month and year of the day it was sent and by agency, kept in the same
-- transaction as the survey.
CREATE TABLE surveys (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    agency         TEXT NOT NULL,
    procedure_code TEXT,
    receipt_code   TEXT,
    submitted_at   TEXT NOT NULL,
    day            TEXT NOT NULL,
    answers        TEXT NOT NULL,
    comment        TEXT
);
CREATE INDEX surveys_by_agency ON surveys (agency, day);

CREATE TABLE survey_stats (
    -- d, m or y; the bucket is 2026-03-14, 2026-03 or 2026.
    level    TEXT NOT NULL,
    bucket   TEXT NOT NULL,
    agency   TEXT NOT NULL,
    question TEXT NOT NULL,
    answer   INTEGER NOT NULL,
    n        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (level, bucket, agency, question, answer)
) WITHOUT ROWID;
