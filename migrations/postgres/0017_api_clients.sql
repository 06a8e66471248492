-- Client systems that file through Open311 (a city's 311 app, another portal), each with its own
-- key. Only the key's SHA-256 is kept, with its first characters to tell keys apart; a revoked
-- key is refused and never used again.
CREATE TABLE api_clients (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          TEXT NOT NULL,
    key_hash      TEXT NOT NULL UNIQUE,
    hint          TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    -- When it last filed, to the minute.
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ
);
