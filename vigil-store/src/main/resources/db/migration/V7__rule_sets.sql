-- Rule sets on top of the shipped SigmaHQ rules: custom rules (MSSP-wide or one tenant's), per-tenant rule
-- toggles and per-tenant exceptions (Sigma filters excluding known-benign matches).
--
-- custom_rule.scope is 'mssp' for an MSSP-wide rule and the tenant id as text for a tenant's rule: a unique
-- constraint over a NULL tenant_id would not make MSSP-wide rule ids unique (NULLs are distinct in both H2 and
-- PostgreSQL), so uniqueness is over scope.
CREATE TABLE custom_rule (
    id         UUID                     NOT NULL,
    scope      VARCHAR(36)              NOT NULL,
    tenant_id  UUID,
    rule_id    VARCHAR(200)             NOT NULL,
    yaml       TEXT                     NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by VARCHAR(200)             NOT NULL,
    CONSTRAINT custom_rule_pk PRIMARY KEY (id),
    CONSTRAINT custom_rule_uq UNIQUE (scope, rule_id),
    CONSTRAINT custom_rule_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

-- A tenant's switch for one rule (shipped, MSSP-wide or its own); no row means enabled.
CREATE TABLE rule_toggle (
    tenant_id  UUID                     NOT NULL,
    rule_id    VARCHAR(200)             NOT NULL,
    enabled    BOOLEAN                  NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT rule_toggle_pk PRIMARY KEY (tenant_id, rule_id),
    CONSTRAINT rule_toggle_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

-- A tenant's exception: a Sigma filter document, who added it, why, and until when (NULL: no expiry).
CREATE TABLE rule_exception (
    id         UUID                     NOT NULL,
    tenant_id  UUID                     NOT NULL,
    yaml       TEXT                     NOT NULL,
    author     VARCHAR(200)             NOT NULL,
    reason     VARCHAR(2000)            NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT rule_exception_pk PRIMARY KEY (id),
    CONSTRAINT rule_exception_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

CREATE INDEX custom_rule_tenant_ix ON custom_rule (tenant_id);
CREATE INDEX rule_exception_tenant_ix ON rule_exception (tenant_id);
