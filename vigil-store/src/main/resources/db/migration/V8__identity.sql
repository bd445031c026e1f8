-- Local accounts, their role bindings, recovery codes and browser sessions.

-- A client's users must enrol TOTP when their tenant asks for it (MSSP staff always must).
ALTER TABLE tenant ADD COLUMN client_mfa_required BOOLEAN NOT NULL DEFAULT FALSE;

-- One person or service. password_hash is an Argon2id PHC string, NULL for service accounts and SSO-only users.
-- totp_secret is the enrolled TOTP secret (base32), totp_pending_secret one being enrolled, totp_last_step the
-- last time step a code was accepted for (a code is never accepted twice).
CREATE TABLE user_account (
    id                   UUID                     NOT NULL,
    login                VARCHAR(100)             NOT NULL,
    display_name         VARCHAR(200)             NOT NULL,
    kind                 VARCHAR(16)              NOT NULL,
    home_tenant_id       UUID,
    password_hash        VARCHAR(200),
    password_must_change BOOLEAN                  NOT NULL,
    password_changed_at  TIMESTAMP WITH TIME ZONE,
    totp_secret          VARCHAR(64),
    totp_pending_secret  VARCHAR(64),
    totp_enrolled_at     TIMESTAMP WITH TIME ZONE,
    totp_last_step       BIGINT,
    failed_logins        INTEGER                  NOT NULL,
    locked_until         TIMESTAMP WITH TIME ZONE,
    disabled_at          TIMESTAMP WITH TIME ZONE,
    external_issuer      VARCHAR(500),
    external_subject     VARCHAR(255),
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT user_account_pk PRIMARY KEY (id),
    CONSTRAINT user_account_login_uq UNIQUE (login),
    CONSTRAINT user_account_external_uq UNIQUE (external_issuer, external_subject),
    CONSTRAINT user_account_tenant_fk FOREIGN KEY (home_tenant_id) REFERENCES tenant (id),
    CONSTRAINT user_account_kind_ck CHECK (kind IN ('mssp-staff', 'client-user', 'service')),
    CONSTRAINT user_account_home_ck CHECK ((kind = 'client-user') = (home_tenant_id IS NOT NULL))
);

-- A role held on one tenant or, scope 'all' (tenant_id NULL), on every tenant. Uniqueness is over scope, not
-- tenant_id: NULLs are distinct in unique constraints on both H2 and PostgreSQL.
CREATE TABLE role_binding (
    id         UUID                     NOT NULL,
    user_id    UUID                     NOT NULL,
    role       VARCHAR(32)              NOT NULL,
    scope      VARCHAR(36)              NOT NULL,
    tenant_id  UUID,
    source     VARCHAR(16)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by VARCHAR(200)             NOT NULL,
    CONSTRAINT role_binding_pk PRIMARY KEY (id),
    CONSTRAINT role_binding_uq UNIQUE (user_id, role, scope),
    CONSTRAINT role_binding_user_fk FOREIGN KEY (user_id) REFERENCES user_account (id) ON DELETE CASCADE,
    CONSTRAINT role_binding_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE,
    CONSTRAINT role_binding_source_ck CHECK (source IN ('manual', 'sso')),
    CONSTRAINT role_binding_scope_ck CHECK ((scope = 'all') = (tenant_id IS NULL))
);

-- Single-use recovery codes, stored as SHA-256.
CREATE TABLE recovery_code (
    user_id     UUID                     NOT NULL,
    code_sha256 VARCHAR(64)              NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT recovery_code_pk PRIMARY KEY (user_id, code_sha256),
    CONSTRAINT recovery_code_user_fk FOREIGN KEY (user_id) REFERENCES user_account (id) ON DELETE CASCADE
);

-- Browser sessions: the cookie's secret is stored as SHA-256; expires_at is the absolute end, the idle timeout
-- counts from last_seen_at.
CREATE TABLE user_session (
    id            UUID                     NOT NULL,
    secret_sha256 VARCHAR(64)              NOT NULL,
    user_id       UUID                     NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    csrf_token    VARCHAR(64)              NOT NULL,
    restriction   VARCHAR(16)              NOT NULL,
    source_ip     VARCHAR(64),
    user_agent    VARCHAR(500),
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT user_session_pk PRIMARY KEY (id),
    CONSTRAINT user_session_secret_uq UNIQUE (secret_sha256),
    CONSTRAINT user_session_user_fk FOREIGN KEY (user_id) REFERENCES user_account (id) ON DELETE CASCADE,
    CONSTRAINT user_session_restriction_ck CHECK (restriction IN ('none', 'password-change', 'mfa-enrolment'))
);

CREATE INDEX user_account_tenant_ix ON user_account (home_tenant_id);
CREATE INDEX role_binding_user_ix ON role_binding (user_id);
CREATE INDEX role_binding_tenant_ix ON role_binding (tenant_id);
CREATE INDEX user_session_user_ix ON user_session (user_id);
