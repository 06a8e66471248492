-- The running totals stored in the order of their key (WITHOUT ROWID): the buckets of a period are
-- read as ranges of the table itself, with no lookup of a row for each entry of the key's index.
CREATE TABLE case_stats_by_key (
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
    published_in_time     INTEGER NOT NULL DEFAULT 0,
    published_late        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (level, bucket, agency, category, channel)
) WITHOUT ROWID;
INSERT INTO case_stats_by_key (level, bucket, agency, category, channel, received, transferred, answered_early, answered_on_time, answered_late, pleased, refused_requirements, refused_complaint, refused_denunciation, refused_duplicate, withdrawn, opened, closed, overdue_from, overdue_to, due_in_time, due_late, due_open, published_in_time, published_late)
    SELECT level, bucket, agency, category, channel, received, transferred, answered_early, answered_on_time, answered_late, pleased, refused_requirements, refused_complaint, refused_denunciation, refused_duplicate, withdrawn, opened, closed, overdue_from, overdue_to, due_in_time, due_late, due_open, published_in_time, published_late FROM case_stats;
DROP TABLE case_stats;
ALTER TABLE case_stats_by_key RENAME TO case_stats;
