-- Numbers the administrators set for how cases are handled, by name: for now how many days a
-- dissatisfied submitter has to ask for re-examination (reexamine_within_days) and how many
-- working days the agency then has to answer (reexamine_term_days). A name with no row has its
-- default, which the code states.
CREATE TABLE policies (
    name   TEXT PRIMARY KEY,
    value  BIGINT NOT NULL
);
