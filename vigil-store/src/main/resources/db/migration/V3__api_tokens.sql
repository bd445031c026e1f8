-- Bearer tokens for the REST API (platform administration; per-user tokens come later). Only the
-- SHA-256 of the secret is kept; verification looks a token up by that hash, because a secret provided
-- by the operator at bootstrap carries no id.
CREATE TABLE api_token (
    id            UUID                     NOT NULL,
    label         VARCHAR(100)             NOT NULL,
    scope         VARCHAR(100)             NOT NULL,
    secret_sha256 VARCHAR(64)              NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_token_pk PRIMARY KEY (id),
    CONSTRAINT api_token_secret_uq UNIQUE (secret_sha256)
);
