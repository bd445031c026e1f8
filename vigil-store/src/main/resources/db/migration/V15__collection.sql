-- Collection: MQTT topic mappings per tenant, per-tenant ingest rate limits, log-source health and the
-- "log source silent" signals.

-- Messages on topics matching topic_filter belong to tenant_id. A filter belongs to one tenant only.
CREATE TABLE mqtt_collector (
    id           UUID                     NOT NULL,
    tenant_id    UUID                     NOT NULL,
    topic_filter VARCHAR(200)             NOT NULL,
    source_type  VARCHAR(64)              NOT NULL,
    codec        VARCHAR(64)              NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by   VARCHAR(200)             NOT NULL,
    CONSTRAINT mqtt_collector_pk PRIMARY KEY (id),
    CONSTRAINT mqtt_collector_filter_uq UNIQUE (topic_filter),
    CONSTRAINT mqtt_collector_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

CREATE INDEX mqtt_collector_tenant_ix ON mqtt_collector (tenant_id, topic_filter);

-- A tenant's own admission rate (token bucket); tenants without a row use vigil.ingest.admission.default-*.
CREATE TABLE ingest_rate_limit (
    tenant_id         UUID                     NOT NULL,
    events_per_second DOUBLE PRECISION         NOT NULL,
    burst             BIGINT                   NOT NULL,
    changed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by        VARCHAR(200)             NOT NULL,
    CONSTRAINT ingest_rate_limit_pk PRIMARY KEY (tenant_id),
    CONSTRAINT ingest_rate_limit_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

-- One row per (tenant, input, source): the health registry's counters, written periodically, and the expected
-- heartbeat (set through the API; NULL: rely on the learned baseline). A row may exist before the source first
-- sends (first_seen NULL) when a heartbeat is expected of it.
CREATE TABLE log_source (
    tenant_id                  UUID                     NOT NULL,
    source_input               VARCHAR(200)             NOT NULL,
    source_name                VARCHAR(200)             NOT NULL,
    codec                      VARCHAR(200),
    first_seen                 TIMESTAMP WITH TIME ZONE,
    last_seen                  TIMESTAMP WITH TIME ZONE,
    events                     BIGINT                   NOT NULL,
    bytes                      BIGINT                   NOT NULL,
    decode_failures            BIGINT                   NOT NULL,
    events_per_second          DOUBLE PRECISION         NOT NULL,
    baseline_per_hour          DOUBLE PRECISION         NOT NULL,
    baseline_hours             INT                      NOT NULL,
    expected_heartbeat_seconds BIGINT,
    state                      VARCHAR(20)              NOT NULL,
    updated_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT log_source_pk PRIMARY KEY (tenant_id, source_input, source_name),
    CONSTRAINT log_source_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

-- "Log source silent" signals: raised when a source misses its heartbeat or falls far below its baseline,
-- cleared when it sends as expected again.
CREATE TABLE source_signal (
    id           UUID                     NOT NULL,
    tenant_id    UUID                     NOT NULL,
    source_input VARCHAR(200)             NOT NULL,
    source_name  VARCHAR(200)             NOT NULL,
    state        VARCHAR(20)              NOT NULL,
    raised_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen    TIMESTAMP WITH TIME ZONE,
    detail       VARCHAR(500)             NOT NULL,
    cleared_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT source_signal_pk PRIMARY KEY (id),
    CONSTRAINT source_signal_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

CREATE INDEX source_signal_tenant_ix ON source_signal (tenant_id, raised_at);
