package io.vigil.ingest.mqtt;

import io.vigil.core.tenant.TenantId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Messages on topics matching {@code filter} belong to {@code tenant}, are of {@code sourceType} (a label such as
 * {@code access-control} or {@code climate}) and are decoded with {@code codec}.
 */
public record TopicMapping(TenantId tenant, TopicFilter filter, String sourceType, String codec) {

    public static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public TopicMapping {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(filter, "filter");
        if (sourceType == null || !LABEL.matcher(sourceType).matches()) {
            throw new IllegalArgumentException("source type must match " + LABEL.pattern());
        }
        if (codec == null || !LABEL.matcher(codec).matches()) {
            throw new IllegalArgumentException("codec must match " + LABEL.pattern());
        }
    }
}
