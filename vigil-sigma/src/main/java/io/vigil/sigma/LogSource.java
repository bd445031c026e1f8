package io.vigil.sigma;

/** The rule's {@code logsource}; each attribute may be null. Routing by logsource is not done yet. */
public record LogSource(String product, String category, String service, String definition) {

    public LogSource {
        if (product == null && category == null && service == null && definition == null) {
            throw new IllegalArgumentException("logsource needs at least one of product, category, service");
        }
    }
}
