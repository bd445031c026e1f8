package io.vigil.core.access;

/**
 * One thing a principal may do. {@link Level#PLATFORM Platform} permissions concern the MSSP's installation as a
 * whole and are granted only by bindings to all tenants; {@link Level#TENANT tenant} permissions are held per
 * tenant. The code is what tokens and documentation show.
 */
public enum Permission {

    TENANTS_MANAGE("tenants.manage", Level.PLATFORM, "create tenants, change, suspend, reactivate and offboard them"),
    USERS_MANAGE("users.manage", Level.PLATFORM, "create MSSP staff and service accounts, bind roles to any tenant"),
    PLATFORM_RULES_MANAGE("platform-rules.manage", Level.PLATFORM, "read and change the MSSP-wide Sigma rules"),
    PLATFORM_AUDIT_READ("platform-audit.read", Level.PLATFORM, "read and export the whole audit log"),
    OPERATE("operate", Level.PLATFORM, "read metrics and operational endpoints"),
    DATA_KEY_MANAGE("data-key.manage", Level.PLATFORM, "rotate the data key that seals stored secrets"),

    TENANT_READ("tenant.read", Level.TENANT, "see the tenant and its settings"),
    EVENTS_READ("events.read", Level.TENANT, "read the tenant's events"),
    FAILURES_READ("failures.read", Level.TENANT, "read the tenant's failure store (raw rejected input)"),
    DETECTIONS_READ("detections.read", Level.TENANT, "read the tenant's detections"),
    RULES_READ("rules.read", Level.TENANT, "read the tenant's rules, toggles and exceptions"),
    RULES_MANAGE("rules.manage", Level.TENANT, "add and remove the tenant's own rules, enable and disable rules"),
    EXCEPTIONS_MANAGE("exceptions.manage", Level.TENANT, "add and remove detection exceptions for the tenant"),
    INGEST_KEYS_MANAGE("ingest-keys.manage", Level.TENANT, "issue, list and revoke the tenant's ingest keys"),
    TENANT_USERS_MANAGE("tenant-users.manage", Level.TENANT, "manage the tenant's client users and their roles"),
    TENANT_AUDIT_READ("audit.read", Level.TENANT, "read the audit entries concerning the tenant"),
    ACCESS_REQUEST("access.request", Level.TENANT, "request a just-in-time elevated role on the tenant"),
    ACCESS_APPROVE("access.approve", Level.TENANT, "approve or deny other people's just-in-time requests"),
    ACCESS_READ("access.read", Level.TENANT, "see the tenant's just-in-time requests and grants"),
    SOURCES_READ("sources.read", Level.TENANT, "see the tenant's log sources, their health and its collectors"),
    COLLECTION_MANAGE("collection.manage", Level.TENANT,
            "issue and revoke collector certificates, declare source networks, MQTT topics and source expectations"),
    HUNT_RUN("hunt.run", Level.TENANT, "run retro-hunts (Sigma rules) over the tenant's stored events"),
    INCIDENTS_READ("incidents.read", Level.TENANT, "read the tenant's alerts and incidents, their timelines and clocks"),
    INCIDENTS_WORK("incidents.work", Level.TENANT,
            "triage alerts and work incidents: acknowledge, assign, change state and tier, escalate, record dispositions"),
    INCIDENTS_COMMENT("incidents.comment", Level.TENANT,
            "add notes and attachments to the tenant's incidents, answer when the SOC waits on the client"),
    ASSETS_MANAGE("assets.manage", Level.TENANT, "import and change the tenant's asset registry"),
    SUPPRESSIONS_MANAGE("suppressions.manage", Level.TENANT, "add and remove the tenant's alert suppressions"),
    CHANGES_MANAGE("changes.manage", Level.TENANT, "record the tenant's change tickets and maintenance windows"),
    CONTRACT_MANAGE("contract.manage", Level.TENANT,
            "change the tenant's contract: SLA targets, coverage calendar, contacts, escalation, service scope"),
    NOTIFICATIONS_MANAGE("notifications.manage", Level.TENANT,
            "configure the tenant's notification routes and webhooks, see and retry its dead letters"),
    REGULATORY_MANAGE("regulatory.manage", Level.TENANT,
            "mark incidents significant under NIS-2 or GDPR and edit their regulatory reports");

    /** Where a permission applies. */
    public enum Level {
        PLATFORM, TENANT
    }

    private final String code;
    private final Level level;
    private final String description;

    Permission(String code, Level level, String description) {
        this.code = code;
        this.level = level;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public Level level() {
        return level;
    }

    public String description() {
        return description;
    }

    public boolean isPlatform() {
        return level == Level.PLATFORM;
    }

    /** @throws IllegalArgumentException naming the unknown code */
    public static Permission ofCode(String code) {
        for (Permission p : values()) {
            if (p.code.equals(code)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no permission '" + code + "'");
    }
}
