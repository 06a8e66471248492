-- How many procedures each field and each implementing agency has, kept by the import (which
-- recomputes them in its own transaction whenever a procedure is added or revised), so that the
-- pages that show these counts read a row per field or agency instead of counting the catalogue.
CREATE TABLE catalogue_counts (
    -- 'field' or 'agency' (the agency implementing the procedure).
    kind        TEXT NOT NULL,
    code        TEXT NOT NULL,
    procedures  INTEGER NOT NULL,
    PRIMARY KEY (kind, code)
);
INSERT INTO catalogue_counts (kind, code, procedures)
    SELECT 'field', field_code, count(*) FROM procedure_fields GROUP BY field_code;
INSERT INTO catalogue_counts (kind, code, procedures)
    SELECT 'agency', agency_code, count(*) FROM procedure_agencies WHERE role = 'implementing' GROUP BY agency_code;
