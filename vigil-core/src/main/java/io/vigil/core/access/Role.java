package io.vigil.core.access;

import static io.vigil.core.access.Permission.*;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The roles and the permissions each grants: the access model's one table (docs/security.md is generated
 * from it). MSSP roles belong to the provider's staff and service accounts, client roles to a client's own
 * users, who belong to exactly one tenant.
 */
public enum Role {

    PLATFORM_ADMIN("platform-admin", Audience.MSSP, "runs the installation", EnumSet.allOf(Permission.class)),
    SOC_MANAGER("soc-manager", Audience.MSSP, "leads the SOC, approves elevated access", EnumSet.of(
            USERS_MANAGE, PLATFORM_AUDIT_READ,
            TENANT_READ, EVENTS_READ, FAILURES_READ, DETECTIONS_READ, RULES_READ, EXCEPTIONS_MANAGE,
            TENANT_AUDIT_READ, ACCESS_REQUEST, ACCESS_APPROVE, ACCESS_READ,
            SOURCES_READ, HUNT_RUN, INCIDENTS_READ, INCIDENTS_WORK, INCIDENTS_COMMENT, ASSETS_MANAGE,
            SUPPRESSIONS_MANAGE, CHANGES_MANAGE, CONTRACT_MANAGE, NOTIFICATIONS_MANAGE, REGULATORY_MANAGE)),
    ANALYST_T1("analyst-t1", Audience.MSSP, "first-line triage", EnumSet.of(
            TENANT_READ, EVENTS_READ, DETECTIONS_READ, RULES_READ, ACCESS_REQUEST,
            SOURCES_READ, INCIDENTS_READ, INCIDENTS_WORK, INCIDENTS_COMMENT)),
    ANALYST_T2("analyst-t2", Audience.MSSP, "investigation, tunes exceptions", EnumSet.of(
            TENANT_READ, EVENTS_READ, FAILURES_READ, DETECTIONS_READ, RULES_READ, EXCEPTIONS_MANAGE, ACCESS_REQUEST,
            SOURCES_READ, HUNT_RUN, INCIDENTS_READ, INCIDENTS_WORK, INCIDENTS_COMMENT, SUPPRESSIONS_MANAGE,
            CHANGES_MANAGE)),
    ANALYST_T3("analyst-t3", Audience.MSSP, "incident response, tenant rules and collection", EnumSet.of(
            TENANT_READ, EVENTS_READ, FAILURES_READ, DETECTIONS_READ, RULES_READ, RULES_MANAGE, EXCEPTIONS_MANAGE,
            INGEST_KEYS_MANAGE, ACCESS_REQUEST, ACCESS_READ,
            SOURCES_READ, COLLECTION_MANAGE, HUNT_RUN, INCIDENTS_READ, INCIDENTS_WORK, INCIDENTS_COMMENT,
            ASSETS_MANAGE, SUPPRESSIONS_MANAGE, CHANGES_MANAGE, REGULATORY_MANAGE)),
    DETECTION_ENGINEER("detection-engineer", Audience.MSSP, "writes and tunes rules", EnumSet.of(
            PLATFORM_RULES_MANAGE,
            TENANT_READ, EVENTS_READ, FAILURES_READ, DETECTIONS_READ, RULES_READ, RULES_MANAGE, EXCEPTIONS_MANAGE,
            ACCESS_REQUEST, SOURCES_READ, HUNT_RUN, INCIDENTS_READ)),
    CLIENT_ADMIN("client-admin", Audience.CLIENT, "the client's administrator", EnumSet.of(
            TENANT_READ, EVENTS_READ, FAILURES_READ, DETECTIONS_READ, RULES_READ, INGEST_KEYS_MANAGE,
            TENANT_USERS_MANAGE, TENANT_AUDIT_READ, ACCESS_READ,
            SOURCES_READ, COLLECTION_MANAGE, INCIDENTS_READ, INCIDENTS_COMMENT, ASSETS_MANAGE, CHANGES_MANAGE,
            REGULATORY_MANAGE)),
    CLIENT_ANALYST("client-analyst", Audience.CLIENT, "the client's security staff", EnumSet.of(
            TENANT_READ, EVENTS_READ, DETECTIONS_READ, RULES_READ,
            SOURCES_READ, INCIDENTS_READ, INCIDENTS_COMMENT, CHANGES_MANAGE)),
    CLIENT_VIEWER("client-viewer", Audience.CLIENT, "reads what the SOC found", EnumSet.of(
            TENANT_READ, DETECTIONS_READ, SOURCES_READ, INCIDENTS_READ));

    /** Whose role it is. */
    public enum Audience {
        /** The provider's staff and service accounts; bound to all tenants or to the tenants they serve. */
        MSSP,
        /** A client's own users; bound to their one tenant only. */
        CLIENT
    }

    private final String code;
    private final Audience audience;
    private final String summary;
    private final Set<Permission> permissions;

    Role(String code, Audience audience, String summary, EnumSet<Permission> permissions) {
        this.code = code;
        this.audience = audience;
        this.summary = summary;
        if (audience == Audience.CLIENT && permissions.stream().anyMatch(Permission::isPlatform)) {
            throw new IllegalStateException("a client role cannot hold platform permissions: " + code);
        }
        this.permissions = Collections.unmodifiableSet(permissions);
    }

    public String code() {
        return code;
    }

    public Audience audience() {
        return audience;
    }

    public String summary() {
        return summary;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean grants(Permission permission) {
        return permissions.contains(permission);
    }

    /** @throws IllegalArgumentException naming the unknown code */
    public static Role ofCode(String code) {
        for (Role r : values()) {
            if (r.code.equals(code)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no role '" + code + "'");
    }
}
