-- The public record's running totals (civicdesk_domain::stats::tally): what every case adds to
-- each measure, by day, month and year of the day it counts on, and by the agency that holds the
-- case, its category and channel. Kept in the same transaction as every change of a case; a
-- test checks it always equals a recount from the cases.
CREATE TABLE case_stats (
    -- d, m or y; the bucket is 2026-03-14, 2026-03 or 2026.
    level     TEXT NOT NULL,
    bucket    TEXT NOT NULL,
    agency    TEXT NOT NULL,
    category  TEXT NOT NULL,
    channel   TEXT NOT NULL,
    received              INTEGER NOT NULL DEFAULT 0,
    transferred           INTEGER NOT NULL DEFAULT 0,
    answered_early        INTEGER NOT NULL DEFAULT 0,
    answered_on_time      INTEGER NOT NULL DEFAULT 0,
    answered_late         INTEGER NOT NULL DEFAULT 0,
    pleased               INTEGER NOT NULL DEFAULT 0,
    refused_requirements  INTEGER NOT NULL DEFAULT 0,
    refused_complaint     INTEGER NOT NULL DEFAULT 0,
    refused_denunciation  INTEGER NOT NULL DEFAULT 0,
    refused_duplicate     INTEGER NOT NULL DEFAULT 0,
    withdrawn             INTEGER NOT NULL DEFAULT 0,
    opened                INTEGER NOT NULL DEFAULT 0,
    closed                INTEGER NOT NULL DEFAULT 0,
    overdue_from          INTEGER NOT NULL DEFAULT 0,
    overdue_to            INTEGER NOT NULL DEFAULT 0,
    due_in_time           INTEGER NOT NULL DEFAULT 0,
    due_late              INTEGER NOT NULL DEFAULT 0,
    due_open              INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (level, bucket, agency, category, channel)
);
