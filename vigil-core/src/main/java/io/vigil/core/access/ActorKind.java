package io.vigil.core.access;

/** What sort of principal acts. Decides which roles it may hold and whether its reads of tenant data are audited. */
public enum ActorKind {
    /** The provider's people: MSSP roles; reads of tenant data are audited. */
    MSSP_STAFF("mssp-staff"),
    /** A client's own people: client roles on their one tenant. */
    CLIENT_USER("client-user"),
    /** Automation acting with API tokens only; MSSP roles. */
    SERVICE("service");

    private final String code;

    ActorKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean mayHold(Role role) {
        return this == CLIENT_USER ? role.audience() == Role.Audience.CLIENT : role.audience() == Role.Audience.MSSP;
    }

    public static ActorKind ofCode(String code) {
        for (ActorKind k : values()) {
            if (k.code.equals(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no actor kind '" + code + "'");
    }
}
