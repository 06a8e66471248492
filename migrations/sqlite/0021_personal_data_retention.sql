-- When the personal data of a finished case was erased at the end of the retention period the
-- administrators set (policies.retain_personal_days; Decree 13/2023 on personal data protection).
-- The index holds only the cases not erased yet, in the order the worker takes them.
ALTER TABLE cases ADD COLUMN personal_erased_at TIMESTAMP;
CREATE INDEX cases_to_erase ON cases (updated_at, id) WHERE personal_erased_at IS NULL;
