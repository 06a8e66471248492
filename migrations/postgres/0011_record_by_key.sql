-- Room on each page of the running totals for the new version of a row, so the upsert of every
-- change of a case can stay on its page (a heap-only update: no index entry is written, as no
-- indexed column changes). SQLite's counterpart stores the table in its key's order.
ALTER TABLE case_stats SET (fillfactor = 80);
