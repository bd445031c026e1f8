package io.vigil.ingest.http;

import java.time.Duration;

/**
 * @param enabled             whether the HTTP ingest listener starts
 * @param bindAddress         address the HTTP ingest listener binds to
 * @param port                TCP port of the HTTP ingest listener (0 picks a free port)
 * @param maxRequestBytes     largest request body after decompression; larger batches get 413
 * @param maxEventBytes       largest single event in a batch; a larger one rejects the batch with 400
 * @param maxEventsPerRequest most events in one batch; more get 413
 * @param workerThreads       threads that frame batches and hand them to the journal (off the event loop)
 * @param maxPendingRequests  batches waiting for a worker; beyond this requests get 503 with Retry-After
 * @param retryAfter          the Retry-After hint of a 503 when the worker queue is full or the journal
 *                            fails (a full journal sends its own hint)
 */
public record HttpIngestConfig(Boolean enabled, String bindAddress, Integer port, Integer maxRequestBytes,
                               Integer maxEventBytes, Integer maxEventsPerRequest, Integer workerThreads,
                               Integer maxPendingRequests, Duration retryAfter) {

    public static final HttpIngestConfig DEFAULTS = new HttpIngestConfig(null, null, null, null, null, null, null, null, null);

    public HttpIngestConfig {
        enabled = enabled == null || enabled;
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "0.0.0.0" : bindAddress;
        port = port == null ? 8088 : port;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
        maxRequestBytes = atLeast(maxRequestBytes, 16 * 1024 * 1024, 1024, "maxRequestBytes");
        maxEventBytes = atLeast(maxEventBytes, 1024 * 1024, 64, "maxEventBytes");
        maxEventsPerRequest = atLeast(maxEventsPerRequest, 50_000, 1, "maxEventsPerRequest");
        workerThreads = atLeast(workerThreads, 4, 1, "workerThreads");
        maxPendingRequests = atLeast(maxPendingRequests, 256, 1, "maxPendingRequests");
        retryAfter = retryAfter == null ? Duration.ofSeconds(5) : retryAfter;
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("retryAfter must be positive");
        }
    }

    private static int atLeast(Integer value, int fallback, int min, String name) {
        int v = value == null ? fallback : value;
        if (v < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + v);
        }
        return v;
    }
}
