-- Credentials with which a tenant's collectors send telemetry over HTTPS. Only the SHA-256 of the
-- secret is kept; the secret is shown once, at issue.
CREATE TABLE ingest_key (
    id            UUID                     NOT NULL,
    tenant_id     UUID                     NOT NULL,
    label         VARCHAR(100)             NOT NULL,
    secret_sha256 VARCHAR(64)              NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ingest_key_pk PRIMARY KEY (id),
    CONSTRAINT ingest_key_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

CREATE INDEX ingest_key_tenant_ix ON ingest_key (tenant_id, created_at);
