-- Answers published by the date their approval set (2 working days), or after it: two more of
-- the record's measures (civicdesk_domain::stats::tally::Measure). The totals are emptied so that
-- the next start counts them again from the cases, these measures included.
ALTER TABLE case_stats ADD COLUMN published_in_time INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_stats ADD COLUMN published_late INTEGER NOT NULL DEFAULT 0;
DELETE FROM case_stats;
