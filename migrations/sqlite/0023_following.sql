-- Following by e-mail (theo dõi). A subscription is one address following one thing (a procedure,
-- an agency, a field or a case, by code), told at once or in a daily or weekly digest (`frequency`); nothing is
-- sent to it before `confirmed_at`. The address is personal data
-- and never leaves these tables but in the messages to it.
CREATE TABLE subscriptions (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL,
    kind          TEXT NOT NULL,
    target        TEXT NOT NULL,
    frequency     TEXT NOT NULL DEFAULT 'immediate',
    created_at    TIMESTAMP NOT NULL,
    confirmed_at  TIMESTAMP,
    UNIQUE (email, kind, target)
);
CREATE INDEX subscriptions_by_target ON subscriptions (kind, target) WHERE confirmed_at IS NOT NULL;
CREATE INDEX subscriptions_by_frequency ON subscriptions (kind, frequency) WHERE confirmed_at IS NOT NULL;

-- The tokens of the links in the messages sent for a subscription (SHA-256 of each): every
-- message has its own, which confirms, manages and ends the subscription.
CREATE TABLE follow_tokens (
    token_hash       TEXT PRIMARY KEY,
    subscription_id  INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    created_at       TIMESTAMP NOT NULL
);
CREATE INDEX follow_tokens_by_subscription ON follow_tokens (subscription_id);

-- Each confirmation request sent, by address: what the limit per address counts.
CREATE TABLE follow_requests (
    email  TEXT NOT NULL,
    at     TIMESTAMP NOT NULL
);
CREATE INDEX follow_requests_by_email ON follow_requests (email, at);

-- How far each notifier has read what it tells of (the procedure changes, the published answers,
-- the cases' public steps: the time and id of the last item read), moved in the transaction that
-- queues the messages, so each is sent once.
CREATE TABLE follow_cursors (
    name       TEXT PRIMARY KEY,
    at         TIMESTAMP NOT NULL,
    id         INTEGER NOT NULL
);

-- Each digest written, by frequency and the first day it covers: written once.
CREATE TABLE follow_digests (
    frequency  TEXT NOT NULL,
    period     TEXT NOT NULL,
    sent_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (frequency, period)
);

-- The public steps of cases in the order they happened, which the case followers' notifier reads.
CREATE INDEX case_events_public ON case_events (at, id) WHERE public;

-- Where a message's one-click unsubscribe goes (List-Unsubscribe, RFC 8058), if it has one.
ALTER TABLE outbox ADD COLUMN unsubscribe_url TEXT;
