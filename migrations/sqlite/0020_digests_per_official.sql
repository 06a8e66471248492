-- Daily digests are one per official now, not one per agency: a lead's also lists the overdue
-- cases of the agencies below theirs, a coordinator's those of every agency. One row per official
-- and day a digest was written to the outbox; the key keeps it to one a day however many
-- instances run the job.
DROP TABLE digests;
CREATE TABLE digests (
    official  INTEGER NOT NULL REFERENCES officials (id),
    day       TEXT NOT NULL,
    sent_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (official, day)
);
