-- Going live: areas in a hierarchy (province → communes), sessions that end when idle,
-- one-time password reset links, and the append-only audit trail.

ALTER TABLE areas ADD COLUMN parent TEXT REFERENCES areas (code);

-- When the session was last used; a session idle for longer than the configured period ends.
ALTER TABLE sessions ADD COLUMN last_seen_at TIMESTAMP;
UPDATE sessions SET last_seen_at = created_at;

-- Links an administrator sends so an official can set a password. Only the token's SHA-256 is
-- kept; a link is used once and expires.
CREATE TABLE password_resets (
    token_hash   TEXT PRIMARY KEY,
    official_id  INTEGER NOT NULL REFERENCES officials (id),
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    used_at      TIMESTAMP
);
CREATE INDEX password_resets_by_official ON password_resets (official_id);

-- Who did what: administrative changes (before and after, as JSON), sign-ins and failures,
-- exports and views of personal data from outside a case's agency. Rows are only ever added.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TIMESTAMP NOT NULL,
    -- The account that acted, if any (a failed sign-in or the command line has none).
    actor_id    INTEGER REFERENCES officials (id),
    -- Who acted, as known at the time: name and e-mail, the e-mail typed, or the command.
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    -- For an administrative change, which one (the form's action, e.g. save_agency).
    change      TEXT NOT NULL DEFAULT '',
    -- What it was about, e.g. an agency's code, an account's e-mail, a case's code.
    subject     TEXT NOT NULL,
    before      TEXT,
    after       TEXT,
    address     TEXT NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (at);
CREATE INDEX audit_log_by_action ON audit_log (action, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
