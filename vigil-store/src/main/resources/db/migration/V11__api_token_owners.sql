-- An API token belongs to an account: a person's personal token or a service account's. It may be narrowed to
-- some tenants (tenant_scope: comma-separated tenant ids) and some permissions (permission_scope: comma-separated
-- permission codes); NULL means no narrowing. The token never holds more than its owner's access.
ALTER TABLE api_token ADD COLUMN owner_id UUID;
ALTER TABLE api_token ADD COLUMN tenant_scope VARCHAR(4000);
ALTER TABLE api_token ADD COLUMN permission_scope VARCHAR(2000);

-- Tokens issued before accounts existed become service accounts holding the token's former scope (a role code)
-- on every tenant.
INSERT INTO user_account (id, login, display_name, kind, home_tenant_id, password_hash, password_must_change,
                          failed_logins, created_at, updated_at)
SELECT id, 'service-' || LOWER(REPLACE(CAST(id AS VARCHAR(36)), '-', '')), label, 'service', NULL, NULL, FALSE, 0,
       created_at, created_at
FROM api_token;
INSERT INTO role_binding (id, user_id, role, scope, tenant_id, source, created_at, created_by)
SELECT id, id, scope, 'all', NULL, 'manual', created_at, 'migration'
FROM api_token;
UPDATE api_token SET owner_id = id;

ALTER TABLE api_token ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE api_token ADD CONSTRAINT api_token_owner_fk FOREIGN KEY (owner_id) REFERENCES user_account (id) ON DELETE CASCADE;
ALTER TABLE api_token DROP COLUMN scope;
CREATE INDEX api_token_owner_ix ON api_token (owner_id);
