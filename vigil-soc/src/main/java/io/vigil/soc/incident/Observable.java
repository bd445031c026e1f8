package io.vigil.soc.incident;

import java.util.Objects;

/** Something seen in an incident that can be looked up elsewhere: an ip, a domain, a hash, a user, a host... */
public record Observable(String type, String value) {
    public Observable {
        type = Texts.required("observable type", type, 40);
        value = Texts.required("observable value", value, 1000);
        Objects.requireNonNull(type);
    }
}
