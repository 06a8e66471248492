-- Attachments an agency chose to publish with its answer (a scanned decision, a photo of the
-- repaired road). Everything else stays private to the submitter and staff.
ALTER TABLE attachments ADD COLUMN published BOOLEAN NOT NULL DEFAULT FALSE;
