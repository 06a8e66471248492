-- The same matter raised by many: a case linked under a lead case (its code) is answered with it.
-- The first index finds a lead's linked cases, and counts them for its page; the other two give
-- the latest cases of an agency or a procedure, which the suggestions of the same matter compare.
ALTER TABLE cases ADD COLUMN lead_case TEXT;
CREATE INDEX cases_by_lead ON cases (lead_case) WHERE lead_case IS NOT NULL;
CREATE INDEX cases_by_agency_received ON cases (agency, received_at);
CREATE INDEX cases_by_procedure_received ON cases (procedure_code, received_at) WHERE procedure_code IS NOT NULL;
