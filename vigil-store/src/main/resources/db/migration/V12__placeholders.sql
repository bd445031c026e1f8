-- Values of Sigma placeholders (`%name%` in `|expand` values): MSSP-wide defaults (scope 'mssp', tenant_id NULL)
-- and per-tenant values (scope = the tenant id as text) that override a default of the same name. One row per
-- (scope, name); the values, Sigma strings without control characters, are stored one per line. Uniqueness is over scope for the same reason as
-- custom_rule (NULL tenant ids are distinct).
CREATE TABLE placeholder_value (
    scope      VARCHAR(36)              NOT NULL,
    tenant_id  UUID,
    name       VARCHAR(64)              NOT NULL,
    vals       TEXT                     NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by VARCHAR(200)             NOT NULL,
    CONSTRAINT placeholder_value_pk PRIMARY KEY (scope, name),
    CONSTRAINT placeholder_value_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

-- A Sigma correlation rule's detection records what fired (type, group-by values, window, value) as JSON;
-- NULL for a base rule's detection.
ALTER TABLE detection ADD COLUMN correlation TEXT;
