-- The catalogue's latest changes (the procedures' Atom feed) read along this index, newest first,
-- however long the history grows.
CREATE INDEX procedure_revisions_by_time ON procedure_revisions (recorded_at, procedure_id);
