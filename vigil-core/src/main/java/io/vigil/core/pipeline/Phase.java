package io.vigil.core.pipeline;

/** The named phases every event passes, in order. Metrics and failures are reported per phase. */
public enum Phase {
    /** A transport framed the bytes and identified the tenant. */
    RECEIVE,
    /** The bytes are on stable storage. */
    JOURNAL,
    /** A {@link Decoder} turned bytes into fields. */
    DECODE,
    /** Common, OCSF-aligned fields were added. */
    NORMALIZE,
    /** Context from outside the event was added (assets, threat intelligence, geo). */
    ENRICH,
    /** Rules were evaluated. */
    DETECT,
    /** The event was written to its outputs. */
    OUTPUT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
