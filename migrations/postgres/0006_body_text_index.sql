-- The phrase tier of a search looks for the words in order in the body text. With its own index
-- the planner estimates that condition directly: it finds rare phrases through the index and
-- reads common ones in rank order, stopping when the page is full. (SQLite's FTS5 table already
-- indexes every column.)
CREATE INDEX procedures_body_vector ON procedures USING GIN (body_vector);
