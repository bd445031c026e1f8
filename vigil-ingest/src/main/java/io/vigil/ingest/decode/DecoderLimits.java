package io.vigil.ingest.decode;

/**
 * Bounds every decoder enforces, so that one hostile event cannot exhaust memory or stack.
 *
 * @param maxDepth        deepest nesting of objects and arrays
 * @param maxFields       most values (object members and array elements) in one event
 * @param maxStringLength longest single string value, in characters
 * @param maxEventBytes   largest raw event a decoder reads, in bytes; larger input fails without being parsed
 */
public record DecoderLimits(Integer maxDepth, Integer maxFields, Integer maxStringLength, Integer maxEventBytes) {

    public static final DecoderLimits DEFAULTS = new DecoderLimits(null, null, null, null);

    public DecoderLimits {
        maxDepth = positive(maxDepth, 32, "maxDepth");
        maxFields = positive(maxFields, 10_000, "maxFields");
        maxStringLength = positive(maxStringLength, 1_048_576, "maxStringLength");
        maxEventBytes = positive(maxEventBytes, 4_194_304, "maxEventBytes");
    }

    /** Limits with the default event size. */
    public DecoderLimits(Integer maxDepth, Integer maxFields, Integer maxStringLength) {
        this(maxDepth, maxFields, maxStringLength, null);
    }

    private static int positive(Integer value, int fallback, String name) {
        int v = value == null ? fallback : value;
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + v);
        }
        return v;
    }
}
