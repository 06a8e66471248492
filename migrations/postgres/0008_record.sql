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
    received              BIGINT NOT NULL DEFAULT 0,
    transferred           BIGINT NOT NULL DEFAULT 0,
    answered_early        BIGINT NOT NULL DEFAULT 0,
    answered_on_time      BIGINT NOT NULL DEFAULT 0,
    answered_late         BIGINT NOT NULL DEFAULT 0,
    pleased               BIGINT NOT NULL DEFAULT 0,
    refused_requirements  BIGINT NOT NULL DEFAULT 0,
    refused_complaint     BIGINT NOT NULL DEFAULT 0,
    refused_denunciation  BIGINT NOT NULL DEFAULT 0,
    refused_duplicate     BIGINT NOT NULL DEFAULT 0,
    withdrawn             BIGINT NOT NULL DEFAULT 0,
    opened                BIGINT NOT NULL DEFAULT 0,
    closed                BIGINT NOT NULL DEFAULT 0,
    overdue_from          BIGINT NOT NULL DEFAULT 0,
    overdue_to            BIGINT NOT NULL DEFAULT 0,
    due_in_time           BIGINT NOT NULL DEFAULT 0,
    due_late              BIGINT NOT NULL DEFAULT 0,
    due_open              BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (level, bucket, agency, category, channel)
);
