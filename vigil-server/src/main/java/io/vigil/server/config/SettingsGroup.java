package io.vigil.server.config;

import java.util.Objects;

/**
 * One feature's configuration: a record whose components are the keys under {@code prefix}. A record
 * component left unset is passed as {@code null} and the record's compact constructor applies the
 * default, so defaults live in exactly one place. Descriptions are the record's {@code @param} docs.
 */
public record SettingsGroup(String prefix, Class<? extends Record> type, String title) {

    public SettingsGroup {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
    }
}
