package io.vigil.ingest.decode;

import io.vigil.core.event.SourceRef;
import io.vigil.core.tenant.TenantId;

/**
 * What is known per (tenant, source) about its format: the codec an operator pinned, and the format detection
 * ({@code auto}) last settled on. The pipeline asks for every event, so lookups must be cheap and never block.
 */
public interface SourceFormats {

    /** Nothing pinned, nothing learned. */
    SourceFormats NONE = new SourceFormats() {
        @Override
        public String pinned(TenantId tenant, SourceRef source) {
            return null;
        }

        @Override
        public String detected(TenantId tenant, SourceRef source) {
            return null;
        }

        @Override
        public void detect(TenantId tenant, SourceRef source, String format) {
        }
    };

    /** The codec pinned for the source, used instead of its declared codec; {@code null} when none. */
    String pinned(TenantId tenant, SourceRef source);

    /** The format detection last settled on for the source; {@code null} when none yet. */
    String detected(TenantId tenant, SourceRef source);

    /** Records that detection settled on {@code format} for the source. */
    void detect(TenantId tenant, SourceRef source, String format);
}
