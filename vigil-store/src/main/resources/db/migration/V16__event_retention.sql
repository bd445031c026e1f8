-- How many days of a tenant's events the event store keeps (whole UTC days of event time). A tenant without a
-- row keeps the platform default (vigil.search.default-retention-days).
CREATE TABLE event_retention (
    tenant_id  UUID                     NOT NULL,
    days       INTEGER                  NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by VARCHAR(200)             NOT NULL,
    CONSTRAINT event_retention_pk PRIMARY KEY (tenant_id),
    CONSTRAINT event_retention_days CHECK (days BETWEEN 1 AND 36500),
    CONSTRAINT event_retention_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);
