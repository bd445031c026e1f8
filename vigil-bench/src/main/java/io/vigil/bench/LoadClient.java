package io.vigil.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * One sender: posts prebuilt batches back to back (a closed loop: the next request starts when the
 * previous one is answered) until the end of the run or the shared request budget is spent. A request
 * counts towards the figures when it is answered inside the measured window.
 */
final class LoadClient implements Runnable {

    /** Index 0 of the status arrays counts requests that failed without an HTTP answer. */
    static final int NO_ANSWER = 0;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** A well-behaved sender honours Retry-After; capped so a short run still ends on time. */
    private static final long MAX_BACKOFF_MILLIS = 1_000;

    private final HttpClient http;
    private final URI uri;
    private final String key;
    private final boolean gzip;
    private final Batches batches;
    private final long firstBatch;
    private final long measureFromNanos;
    private final long endNanos;
    private final AtomicLong budget;

    // Written by the client's own thread only; read after it has been joined.
    final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    final long[] measuredStatus = new long[600];
    final long[] allStatus = new long[600];
    long measuredRequests;
    long measuredEvents;
    long measuredPayloadBytes;
    long measuredWireBytes;
    long acceptedEvents;
    String firstError;

    LoadClient(HttpClient http, URI uri, String key, boolean gzip, Batches batches, long firstBatch,
               long measureFromNanos, long endNanos, AtomicLong budget) {
        this.http = http;
        this.uri = uri;
        this.key = key;
        this.gzip = gzip;
        this.batches = batches;
        this.firstBatch = firstBatch;
        this.measureFromNanos = measureFromNanos;
        this.endNanos = endNanos;
        this.budget = budget;
    }

    @Override
    public void run() {
        long next = firstBatch;
        while (System.nanoTime() < endNanos && budget.getAndDecrement() > 0) {
            Batches.Body body = batches.get(next++);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/x-ndjson")
                    .header("Authorization", "Bearer " + key)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.wire()));
            if (gzip) {
                request.header("Content-Encoding", "gzip");
            }
            int status;
            long retryAfterMillis = 0;
            long start = System.nanoTime();
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                status = response.statusCode();
                if (status != 202 && firstError == null) {
                    firstError = status + " " + new String(response.body(), StandardCharsets.UTF_8);
                }
                if (status == 503 || status == 429) {
                    retryAfterMillis = response.headers().firstValueAsLong("Retry-After").orElse(1) * 1000;
                }
            } catch (IOException e) {
                status = NO_ANSWER;
                retryAfterMillis = 100;
                if (firstError == null) {
                    firstError = e.toString();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long end = System.nanoTime();
            record(status, body, start, end);
            if (retryAfterMillis > 0 && !backOff(retryAfterMillis)) {
                return;
            }
        }
    }

    private void record(int status, Batches.Body body, long start, long end) {
        int slot = status >= 0 && status < allStatus.length ? status : NO_ANSWER;
        allStatus[slot]++;
        if (status == 202) {
            acceptedEvents += body.events();
        }
        if (end < measureFromNanos || end > endNanos) {
            return;
        }
        measuredStatus[slot]++;
        measuredRequests++;
        latency.recordValue(Math.min(end - start, latency.getHighestTrackableValue()));
        if (status == 202) {
            measuredEvents += body.events();
            measuredPayloadBytes += body.payloadBytes();
            measuredWireBytes += body.wire().length;
        }
    }

    private boolean backOff(long millis) {
        long left = TimeUnit.NANOSECONDS.toMillis(endNanos - System.nanoTime());
        try {
            Thread.sleep(Math.max(0, Math.min(Math.min(millis, MAX_BACKOFF_MILLIS), left)));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
