-- The tamper-evident audit log (see docs/security.md, "Audit log"). audit_entry is append-only: the application
-- never updates or deletes a row. Each row's hash is the SHA-256 of its canonical line, which embeds the previous
-- row's hash (prev_hash), so the rows form one hash chain. tenant_id has no foreign key on purpose: offboarding a
-- tenant must not delete, and so break, the log.
CREATE TABLE audit_entry (
    seq        BIGINT                   NOT NULL,
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id   UUID,
    actor_name VARCHAR(200)             NOT NULL,
    actor_kind VARCHAR(32),
    tenant_id  UUID,
    action     VARCHAR(100)             NOT NULL,
    target     VARCHAR(2000),
    outcome    VARCHAR(16)              NOT NULL,
    source_ip  VARCHAR(100),
    user_agent VARCHAR(500),
    details    TEXT                     NOT NULL,
    prev_hash  VARCHAR(64)              NOT NULL,
    hash       VARCHAR(64)              NOT NULL,
    CONSTRAINT audit_entry_pk PRIMARY KEY (seq)
);

-- A tenant's client admin pages through the entries concerning that tenant.
CREATE INDEX audit_entry_tenant_seq_ix ON audit_entry (tenant_id, seq);

-- The one head row: the newest seq and hash. Appenders lock it (SELECT ... FOR UPDATE), which serialises them
-- across threads and processes, so the chain never forks.
CREATE TABLE audit_head (
    id   INT         NOT NULL,
    seq  BIGINT      NOT NULL,
    hash VARCHAR(64) NOT NULL,
    CONSTRAINT audit_head_pk PRIMARY KEY (id),
    CONSTRAINT audit_head_single CHECK (id = 1)
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Signed checkpoints: an Ed25519 signature over (seq, head hash, time), made with the key in the data directory.
CREATE TABLE audit_checkpoint (
    seq       BIGINT                   NOT NULL,
    at        TIMESTAMP WITH TIME ZONE NOT NULL,
    head_hash VARCHAR(64)              NOT NULL,
    signature VARCHAR(200)             NOT NULL,
    key_id    VARCHAR(64)              NOT NULL,
    CONSTRAINT audit_checkpoint_pk PRIMARY KEY (seq)
);
