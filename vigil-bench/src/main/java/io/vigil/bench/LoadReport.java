package io.vigil.bench;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.HdrHistogram.Histogram;

/** Prints the figures of one {@link HttpIngestLoad} run: a readable block and one {@code summary} line. */
final class LoadReport {

    private static final double MIB = 1 << 20;

    private LoadReport() {
    }

    static void print(LoadOptions options, List<LoadClient> clients, HttpIngestLoad.Window.Figures window,
                      long appended, boolean caughtUp, JournalDrain drain) {
        Histogram latency = new Histogram(clients.getFirst().latency.getHighestTrackableValue(), 3);
        long[] measured = new long[600];
        long[] all = new long[600];
        long requests = 0;
        long events = 0;
        long payload = 0;
        long wire = 0;
        long acknowledged = 0;
        String firstError = null;
        for (LoadClient client : clients) {
            latency.add(client.latency);
            for (int i = 0; i < measured.length; i++) {
                measured[i] += client.measuredStatus[i];
                all[i] += client.allStatus[i];
            }
            requests += client.measuredRequests;
            events += client.measuredEvents;
            payload += client.measuredPayloadBytes;
            wire += client.measuredWireBytes;
            acknowledged += client.acceptedEvents;
            firstError = firstError == null ? client.firstError : firstError;
        }
        // Requests count when answered inside [warm-up end, run end], so the rate is over exactly that span.
        double seconds = options.measure().toNanos() / 1e9;
        double eventsPerSecond = events / seconds;
        double mibPerSecond = payload / MIB / seconds;
        double requestsPerSecond = requests / seconds;
        long refusedBusy = all[503] + all[429];

        System.out.printf(Locale.ROOT, "results over the measured %.1f s%n", seconds);
        System.out.printf(Locale.ROOT, "  events/s : %,.0f%n", eventsPerSecond);
        System.out.printf(Locale.ROOT, "  payload  : %.1f MiB/s of NDJSON%s%n", mibPerSecond,
                options.gzip() ? String.format(Locale.ROOT, " (%.1f MiB/s gzip on the wire)", wire / MIB / seconds) : "");
        System.out.printf(Locale.ROOT, "  requests : %,.1f /s%n", requestsPerSecond);
        System.out.printf(Locale.ROOT, "  latency  : p50 %s  p90 %s  p99 %s  max %s  (%,d requests, send to answer)%n",
                millis(latency.getValueAtPercentile(50)), millis(latency.getValueAtPercentile(90)),
                millis(latency.getValueAtPercentile(99)), millis(latency.getMaxValue()), latency.getTotalCount());
        System.out.printf(Locale.ROOT, "  statuses : %s; whole run incl. warm-up: %s; 503/429 seen: %s%n",
                statuses(measured), statuses(all), refusedBusy == 0 ? "none" : refusedBusy + " (back-pressure tripped)");
        if (firstError != null) {
            System.out.println("  first non-202 answer: " + abbreviate(firstError));
        }
        String fsyncs = window.fsyncs().isPresent()
                ? String.format(Locale.ROOT, "%,d fsyncs (%,.0f/s, %,.0f events each)", window.fsyncs().getAsLong(),
                window.fsyncs().getAsLong() / seconds, events / (double) Math.max(1, window.fsyncs().getAsLong()))
                : "fsync count unavailable";
        System.out.printf(Locale.ROOT, "  journal  : %s; append to durable %.2f ms mean (server side)%n", fsyncs,
                window.appendMillis());
        System.out.printf(Locale.ROOT, "  consumer : read and committed %,d events in %,d commits%s%s%n", drain.read(),
                drain.commits(),
                caughtUp ? ", caught up" : ", NOT caught up within the drain timeout",
                drain.corrupt() > 0 ? ", " + drain.corrupt() + " corrupt" : "");
        if (drain.failure() != null) {
            System.out.println("  consumer FAILED and stopped: " + drain.failure());
        }
        System.out.printf(Locale.ROOT, "  check    : %,d events acknowledged with 202, journal holds %,d: %s%n",
                acknowledged, appended, acknowledged == appended ? "equal" : "MISMATCH");
        System.out.printf(Locale.ROOT, "  cpu      : this process %.2f cores, whole machine %.2f of %d (the rest: other "
                        + "processes, kernel threads, interrupts %.2f), steal %.2f, GC %,d ms%n", window.processCores(),
                window.machineCores(), Runtime.getRuntime().availableProcessors(),
                window.machineCores() - window.processCores(), window.stealCores(), window.gcMillis());
        System.out.printf(Locale.ROOT, "summary clients=%d batch=%d gzip=%s events_per_s=%.0f mib_per_s=%.1f req_per_s=%.1f "
                        + "p50_ms=%s p90_ms=%s p99_ms=%s max_ms=%s fsyncs_per_s=%s busy_refusals=%d other_cores=%.2f%n",
                options.clients(), options.batch(), options.gzip(), eventsPerSecond, mibPerSecond, requestsPerSecond,
                plainMillis(latency.getValueAtPercentile(50)), plainMillis(latency.getValueAtPercentile(90)),
                plainMillis(latency.getValueAtPercentile(99)), plainMillis(latency.getMaxValue()),
                window.fsyncs().isPresent() ? String.format(Locale.ROOT, "%.0f", window.fsyncs().getAsLong() / seconds) : "na",
                refusedBusy, window.machineCores() - window.processCores());
    }

    private static String statuses(long[] counts) {
        StringJoiner joined = new StringJoiner(" ");
        for (int status = 0; status < counts.length; status++) {
            if (counts[status] > 0) {
                joined.add((status == LoadClient.NO_ANSWER ? "no-answer" : Integer.toString(status)) + "=" + counts[status]);
            }
        }
        return joined.length() == 0 ? "none" : joined.toString();
    }

    private static String millis(long nanos) {
        return plainMillis(nanos) + " ms";
    }

    private static String plainMillis(long nanos) {
        return String.format(Locale.ROOT, nanos >= 100_000_000 ? "%.0f" : nanos >= 10_000_000 ? "%.1f" : "%.2f", nanos / 1e6);
    }

    private static String abbreviate(String text) {
        String flat = text.replace('\n', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
