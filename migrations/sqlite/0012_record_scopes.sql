-- The record by field, in three scopes, with the breakdowns and the time to answer on each row.
--
-- A case now counts in a field: its procedure's (the first of its fields by code), as stored on
-- the day it was received, so a later change of the catalogue does not move it. Its answer keeps
-- the working days it took, counted on publication.
--
-- Every contribution to the running totals is added to three rows (civicdesk_domain::stats::Scope):
-- its agency's (scope 'a', over every field, category and channel), its field's ('f', over every
-- agency) and its whole key's ('k'), which any filter can read. The scope comes first in the key,
-- so the views most asked for read one row per agency or field and bucket, as ranges of the
-- table. Each row also counts what was received by channel and by category, and how many answers
-- took each number of working days (30: that many or more). The totals are emptied so that the
-- next start counts them again from the cases.
ALTER TABLE cases ADD COLUMN field TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN answer_days INTEGER;
UPDATE cases SET field = COALESCE((SELECT MIN(pf.field_code) FROM procedures p
    JOIN procedure_fields pf ON pf.procedure_id = p.id WHERE p.code = cases.procedure_code), '')
    WHERE procedure_code IS NOT NULL;
DROP TABLE case_stats;
CREATE TABLE case_stats (
    scope     TEXT NOT NULL,
    -- d, m or y; the bucket is 2026-03-14, 2026-03 or 2026.
    level     TEXT NOT NULL,
    bucket    TEXT NOT NULL,
    -- '' where the scope is over them all.
    agency    TEXT NOT NULL,
    field     TEXT NOT NULL,
    category  TEXT NOT NULL,
    channel   TEXT NOT NULL,
    received                       INTEGER NOT NULL DEFAULT 0,
    transferred                    INTEGER NOT NULL DEFAULT 0,
    answered_early                 INTEGER NOT NULL DEFAULT 0,
    answered_on_time               INTEGER NOT NULL DEFAULT 0,
    answered_late                  INTEGER NOT NULL DEFAULT 0,
    pleased                        INTEGER NOT NULL DEFAULT 0,
    refused_requirements           INTEGER NOT NULL DEFAULT 0,
    refused_complaint              INTEGER NOT NULL DEFAULT 0,
    refused_denunciation           INTEGER NOT NULL DEFAULT 0,
    refused_duplicate              INTEGER NOT NULL DEFAULT 0,
    withdrawn                      INTEGER NOT NULL DEFAULT 0,
    opened                         INTEGER NOT NULL DEFAULT 0,
    closed                         INTEGER NOT NULL DEFAULT 0,
    overdue_from                   INTEGER NOT NULL DEFAULT 0,
    overdue_to                     INTEGER NOT NULL DEFAULT 0,
    due_in_time                    INTEGER NOT NULL DEFAULT 0,
    due_late                       INTEGER NOT NULL DEFAULT 0,
    due_open                       INTEGER NOT NULL DEFAULT 0,
    published_in_time              INTEGER NOT NULL DEFAULT 0,
    published_late                 INTEGER NOT NULL DEFAULT 0,
    received_via_web               INTEGER NOT NULL DEFAULT 0,
    received_via_api               INTEGER NOT NULL DEFAULT 0,
    received_via_email             INTEGER NOT NULL DEFAULT 0,
    received_via_phone             INTEGER NOT NULL DEFAULT 0,
    received_via_paper             INTEGER NOT NULL DEFAULT 0,
    received_as_official_conduct   INTEGER NOT NULL DEFAULT 0,
    received_as_regulation         INTEGER NOT NULL DEFAULT 0,
    received_as_proposal           INTEGER NOT NULL DEFAULT 0,
    received_as_other              INTEGER NOT NULL DEFAULT 0,
    received_as_complaint          INTEGER NOT NULL DEFAULT 0,
    received_as_denunciation       INTEGER NOT NULL DEFAULT 0,
    answered_after_0               INTEGER NOT NULL DEFAULT 0,
    answered_after_1               INTEGER NOT NULL DEFAULT 0,
    answered_after_2               INTEGER NOT NULL DEFAULT 0,
    answered_after_3               INTEGER NOT NULL DEFAULT 0,
    answered_after_4               INTEGER NOT NULL DEFAULT 0,
    answered_after_5               INTEGER NOT NULL DEFAULT 0,
    answered_after_6               INTEGER NOT NULL DEFAULT 0,
    answered_after_7               INTEGER NOT NULL DEFAULT 0,
    answered_after_8               INTEGER NOT NULL DEFAULT 0,
    answered_after_9               INTEGER NOT NULL DEFAULT 0,
    answered_after_10              INTEGER NOT NULL DEFAULT 0,
    answered_after_11              INTEGER NOT NULL DEFAULT 0,
    answered_after_12              INTEGER NOT NULL DEFAULT 0,
    answered_after_13              INTEGER NOT NULL DEFAULT 0,
    answered_after_14              INTEGER NOT NULL DEFAULT 0,
    answered_after_15              INTEGER NOT NULL DEFAULT 0,
    answered_after_16              INTEGER NOT NULL DEFAULT 0,
    answered_after_17              INTEGER NOT NULL DEFAULT 0,
    answered_after_18              INTEGER NOT NULL DEFAULT 0,
    answered_after_19              INTEGER NOT NULL DEFAULT 0,
    answered_after_20              INTEGER NOT NULL DEFAULT 0,
    answered_after_21              INTEGER NOT NULL DEFAULT 0,
    answered_after_22              INTEGER NOT NULL DEFAULT 0,
    answered_after_23              INTEGER NOT NULL DEFAULT 0,
    answered_after_24              INTEGER NOT NULL DEFAULT 0,
    answered_after_25              INTEGER NOT NULL DEFAULT 0,
    answered_after_26              INTEGER NOT NULL DEFAULT 0,
    answered_after_27              INTEGER NOT NULL DEFAULT 0,
    answered_after_28              INTEGER NOT NULL DEFAULT 0,
    answered_after_29              INTEGER NOT NULL DEFAULT 0,
    answered_after_30              INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, level, bucket, agency, field, category, channel)
) WITHOUT ROWID;
