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
    received                       BIGINT NOT NULL DEFAULT 0,
    transferred                    BIGINT NOT NULL DEFAULT 0,
    answered_early                 BIGINT NOT NULL DEFAULT 0,
    answered_on_time               BIGINT NOT NULL DEFAULT 0,
    answered_late                  BIGINT NOT NULL DEFAULT 0,
    pleased                        BIGINT NOT NULL DEFAULT 0,
    refused_requirements           BIGINT NOT NULL DEFAULT 0,
    refused_complaint              BIGINT NOT NULL DEFAULT 0,
    refused_denunciation           BIGINT NOT NULL DEFAULT 0,
    refused_duplicate              BIGINT NOT NULL DEFAULT 0,
    withdrawn                      BIGINT NOT NULL DEFAULT 0,
    opened                         BIGINT NOT NULL DEFAULT 0,
    closed                         BIGINT NOT NULL DEFAULT 0,
    overdue_from                   BIGINT NOT NULL DEFAULT 0,
    overdue_to                     BIGINT NOT NULL DEFAULT 0,
    due_in_time                    BIGINT NOT NULL DEFAULT 0,
    due_late                       BIGINT NOT NULL DEFAULT 0,
    due_open                       BIGINT NOT NULL DEFAULT 0,
    published_in_time              BIGINT NOT NULL DEFAULT 0,
    published_late                 BIGINT NOT NULL DEFAULT 0,
    received_via_web               BIGINT NOT NULL DEFAULT 0,
    received_via_api               BIGINT NOT NULL DEFAULT 0,
    received_via_email             BIGINT NOT NULL DEFAULT 0,
    received_via_phone             BIGINT NOT NULL DEFAULT 0,
    received_via_paper             BIGINT NOT NULL DEFAULT 0,
    received_as_official_conduct   BIGINT NOT NULL DEFAULT 0,
    received_as_regulation         BIGINT NOT NULL DEFAULT 0,
    received_as_proposal           BIGINT NOT NULL DEFAULT 0,
    received_as_other              BIGINT NOT NULL DEFAULT 0,
    received_as_complaint          BIGINT NOT NULL DEFAULT 0,
    received_as_denunciation       BIGINT NOT NULL DEFAULT 0,
    answered_after_0               BIGINT NOT NULL DEFAULT 0,
    answered_after_1               BIGINT NOT NULL DEFAULT 0,
    answered_after_2               BIGINT NOT NULL DEFAULT 0,
    answered_after_3               BIGINT NOT NULL DEFAULT 0,
    answered_after_4               BIGINT NOT NULL DEFAULT 0,
    answered_after_5               BIGINT NOT NULL DEFAULT 0,
    answered_after_6               BIGINT NOT NULL DEFAULT 0,
    answered_after_7               BIGINT NOT NULL DEFAULT 0,
    answered_after_8               BIGINT NOT NULL DEFAULT 0,
    answered_after_9               BIGINT NOT NULL DEFAULT 0,
    answered_after_10              BIGINT NOT NULL DEFAULT 0,
    answered_after_11              BIGINT NOT NULL DEFAULT 0,
    answered_after_12              BIGINT NOT NULL DEFAULT 0,
    answered_after_13              BIGINT NOT NULL DEFAULT 0,
    answered_after_14              BIGINT NOT NULL DEFAULT 0,
    answered_after_15              BIGINT NOT NULL DEFAULT 0,
    answered_after_16              BIGINT NOT NULL DEFAULT 0,
    answered_after_17              BIGINT NOT NULL DEFAULT 0,
    answered_after_18              BIGINT NOT NULL DEFAULT 0,
    answered_after_19              BIGINT NOT NULL DEFAULT 0,
    answered_after_20              BIGINT NOT NULL DEFAULT 0,
    answered_after_21              BIGINT NOT NULL DEFAULT 0,
    answered_after_22              BIGINT NOT NULL DEFAULT 0,
    answered_after_23              BIGINT NOT NULL DEFAULT 0,
    answered_after_24              BIGINT NOT NULL DEFAULT 0,
    answered_after_25              BIGINT NOT NULL DEFAULT 0,
    answered_after_26              BIGINT NOT NULL DEFAULT 0,
    answered_after_27              BIGINT NOT NULL DEFAULT 0,
    answered_after_28              BIGINT NOT NULL DEFAULT 0,
    answered_after_29              BIGINT NOT NULL DEFAULT 0,
    answered_after_30              BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, level, bucket, agency, field, category, channel)
) WITH (fillfactor = 80);
