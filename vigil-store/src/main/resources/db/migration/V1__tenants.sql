-- One SQL for H2 (in PostgreSQL mode) and PostgreSQL: see io.vigil.store.Database.
-- Timestamps are TIMESTAMP WITH TIME ZONE (microseconds on both).

-- The client organisations. Platform-administration data: the row is the tenant.
CREATE TABLE tenant (
    id           UUID                     NOT NULL,
    slug         VARCHAR(63)              NOT NULL,
    display_name VARCHAR(200)             NOT NULL,
    timezone     VARCHAR(64)              NOT NULL,
    status       VARCHAR(16)              NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT tenant_pk PRIMARY KEY (id),
    CONSTRAINT tenant_slug_uq UNIQUE (slug),
    CONSTRAINT tenant_status_ck CHECK (status IN ('ACTIVE', 'SUSPENDED', 'OFFBOARDED'))
);
