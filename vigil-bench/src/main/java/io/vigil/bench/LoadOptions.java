package io.vigil.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Options of {@link HttpIngestLoad}. Every run is bounded twice: by time ({@code warmup + seconds}, and a
 * watchdog after that) and by count ({@code maxRequests} over the whole run).
 *
 * @param clients     concurrent senders, each with its own keep-alive connection (1-256, default 8)
 * @param batch       events per request (1-50000, default 500; the listener refuses more than 50000)
 * @param measure     measured duration after the warm-up (1-600 s, default 30 s)
 * @param warmup      warm-up duration whose requests are not counted (0-300 s, default 10 s)
 * @param gzip        whether bodies are sent with {@code Content-Encoding: gzip} (default false)
 * @param directory   journal directory; null for a fresh temporary directory deleted at the end
 * @param maxRequests most requests over the whole run, warm-up included (default 5,000,000)
 */
record LoadOptions(int clients, int batch, Duration measure, Duration warmup, boolean gzip, Path directory,
                   long maxRequests) {

    static final String USAGE = """
            usage: java -cp vigil-bench/target/benchmarks.jar io.vigil.bench.HttpIngestLoad [options]
              --clients N        concurrent senders, one keep-alive connection each (1-256, default 8)
              --batch N          events per request (1-50000, default 500)
              --seconds N        measured seconds after the warm-up (1-600, default 30)
              --warmup N         warm-up seconds, not counted (0-300, default 10)
              --gzip true|false  gzip the request bodies (default false)
              --dir PATH         journal directory, must be empty or absent (default: a temporary one, deleted)
              --max-requests N   most requests over the whole run (default 5000000)
            """;

    LoadOptions {
        within("clients", clients, 1, 256);
        within("batch", batch, 1, 50_000);
        within("seconds", measure.toSeconds(), 1, 600);
        within("warmup", warmup.toSeconds(), 0, 300);
        within("max-requests", maxRequests, 1, Long.MAX_VALUE);
    }

    static LoadOptions parse(String... args) {
        int clients = 8;
        int batch = 500;
        long seconds = 30;
        long warmup = 10;
        boolean gzip = false;
        Path directory = null;
        long maxRequests = 5_000_000;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(arg + " needs a value\n" + USAGE);
            }
            try {
                switch (arg) {
                    case "--clients" -> clients = Integer.parseInt(value);
                    case "--batch" -> batch = Integer.parseInt(value);
                    case "--seconds" -> seconds = Long.parseLong(value);
                    case "--warmup" -> warmup = Long.parseLong(value);
                    case "--gzip" -> gzip = bool(value);
                    case "--dir" -> directory = Path.of(value);
                    case "--max-requests" -> maxRequests = Long.parseLong(value);
                    default -> problems.add("unknown option " + arg);
                }
            } catch (IllegalArgumentException e) {
                problems.add(arg + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems) + "\n" + USAGE);
        }
        return new LoadOptions(clients, batch, Duration.ofSeconds(seconds), Duration.ofSeconds(warmup), gzip,
                directory, maxRequests);
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("expected true or false, was " + value);
        };
    }

    private static void within(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be " + min + "-" + max + ", was " + value + "\n" + USAGE);
        }
    }
}
