-- The queue reads open cases and answered cases separately, each through its own partial index,
-- so an agency's long history of finished cases costs nothing. Every query on open cases repeats
-- the predicate `status IN (…open…)` word for word, so the planner may use these indexes.
CREATE INDEX cases_open_queue ON cases (agency, next_due, id, status, assignee)
    WHERE status IN ('received', 'in_progress', 'awaiting_information', 'answer_drafted', 'answer_approved');
CREATE INDEX cases_open_due ON cases (next_due, id)
    WHERE status IN ('received', 'in_progress', 'awaiting_information', 'answer_drafted', 'answer_approved');
CREATE INDEX cases_answered_queue ON cases (agency, published_at, id) WHERE status IN ('published', 'closed');
-- Counting an agency's answered cases that match the filters (procedure, field, category,
-- assignee, dates, search words) reads this index, not the table.
CREATE INDEX cases_answered_filters ON cases (agency, procedure_code, category, assignee, next_due, search_text)
    WHERE status IN ('published', 'closed');
-- Superseded by the partial indexes; left in place it drew the planner away from them.
DROP INDEX cases_by_agency;
