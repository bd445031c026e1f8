-- Collector certificates issued by the MSSP CA for syslog over TLS. The certificate itself names tenant and
-- collector; this row is what the TLS listener checks at every handshake (issued here, not revoked). The private
-- key is never stored. Serials are random, hence unique across tenants.
CREATE TABLE collector_certificate (
    serial             VARCHAR(64)              NOT NULL,
    tenant_id          UUID                     NOT NULL,
    collector          VARCHAR(63)              NOT NULL,
    fingerprint_sha256 VARCHAR(64)              NOT NULL,
    not_before         TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after          TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT collector_certificate_pk PRIMARY KEY (serial),
    CONSTRAINT collector_certificate_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

CREATE INDEX collector_certificate_tenant_ix ON collector_certificate (tenant_id, issued_at);

-- Networks from which a tenant sends plain (UDP/TCP) syslog; the sender's address decides the tenant. The CIDR
-- is stored canonical (host bits zeroed) and unique; overlaps between tenants are refused when declared.
CREATE TABLE source_network (
    id         UUID                     NOT NULL,
    tenant_id  UUID                     NOT NULL,
    cidr       VARCHAR(64)              NOT NULL,
    codec      VARCHAR(64)              NOT NULL,
    label      VARCHAR(100)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT source_network_pk PRIMARY KEY (id),
    CONSTRAINT source_network_cidr_uq UNIQUE (cidr),
    CONSTRAINT source_network_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

CREATE INDEX source_network_tenant_ix ON source_network (tenant_id, created_at);
