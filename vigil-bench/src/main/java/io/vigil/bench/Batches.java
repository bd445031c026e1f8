package io.vigil.bench;

import java.math.BigInteger;

/**
 * Request bodies built once before the run, so that the load generator spends its CPU on HTTP and not
 * on building or compressing payloads: a real shipper would pay for gzip itself.
 */
final class Batches {

    /** Upper bound of heap spent on prebuilt bodies; beyond it batches repeat sooner. */
    private static final long MAX_PREBUILT_BYTES = 64L << 20;

    /** One request body; {@code payloadBytes} is the NDJSON size before compression. */
    record Body(byte[] wire, int events, int payloadBytes) {
    }

    private final Body[] bodies;
    private final long payloadBytes;
    private final long wireBytes;

    Batches(DemoEvents demo, int batch, boolean gzip) {
        int distinct = demo.size() / BigInteger.valueOf(demo.size()).gcd(BigInteger.valueOf(batch)).intValue();
        long batchBytes = Math.max(1, demo.totalBytes() * batch / demo.size());
        int count = (int) Math.max(1, Math.min(distinct, Math.max(4, MAX_PREBUILT_BYTES / batchBytes)));
        bodies = new Body[count];
        long payload = 0;
        long wire = 0;
        for (int i = 0; i < count; i++) {
            byte[] ndjson = demo.ndjson((long) i * batch, batch);
            byte[] body = gzip ? DemoEvents.gzip(ndjson) : ndjson;
            bodies[i] = new Body(body, batch, ndjson.length);
            payload += ndjson.length;
            wire += body.length;
        }
        payloadBytes = payload;
        wireBytes = wire;
    }

    Body get(long index) {
        return bodies[(int) Math.floorMod(index, (long) bodies.length)];
    }

    int count() {
        return bodies.length;
    }

    double averagePayloadBytes() {
        return (double) payloadBytes / bodies.length;
    }

    double averageWireBytes() {
        return (double) wireBytes / bodies.length;
    }

    int largestPayloadBytes() {
        int max = 0;
        for (Body body : bodies) {
            max = Math.max(max, body.payloadBytes());
        }
        return max;
    }
}
