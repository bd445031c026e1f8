package io.vigil.server.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil sources --tenant T [--signals]}, {@code vigil sources heartbeat} and {@code vigil sources codec}:
 * log-source health and format.
 */
@Command(name = "sources", mixinStandardHelpOptions = true,
        description = "A tenant's log sources with their health (first and last seen, rate, decode failures, state), "
                + "or its 'log source silent' signals.",
        subcommands = {SourcesCommand.Heartbeat.class, SourcesCommand.Codec.class})
final class SourcesCommand implements Runnable {

    static final String[] COLUMNS = {"input", "name", "codec", "detectedFormat", "pinnedCodec", "state", "lastSeen", "eventsPerSecond", "events",
            "decodeFailureRate", "baselinePerHour", "expectedHeartbeatSeconds"};
    static final String[] SIGNAL_COLUMNS = {"raisedAt", "input", "name", "state", "detail", "clearedAt"};

    @Mixin ApiClient client;
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    // Not 'required' here: picocli would then demand it before 'sources heartbeat' too.
    @Option(names = "--tenant", description = "Slug or id (required).") String tenant;
    @Option(names = "--signals", description = "Show the signals (newest first) instead of the sources.") boolean signals;
    @Option(names = "--limit", defaultValue = "100", description = "Signals shown at most (1-1000, default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public void run() {
        if (tenant == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--tenant'");
        }
        String base = "/api/v1/tenants/" + ApiClient.encode(tenant) + "/sources";
        if (signals) {
            Output.print(spec.commandLine().getOut(), client, client.get(base + "/signals?limit=" + limit), SIGNAL_COLUMNS);
        } else {
            Output.print(spec.commandLine().getOut(), client, client.get(base), COLUMNS);
        }
    }

    /** The source a subcommand changes, and the change: {@code PUT …/sources/<path>} with one field, printing the source. */
    static final class SourceChange {
        @Mixin ApiClient client;
        @Spec(Spec.Target.MIXEE) picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;
        @Option(names = "--input", required = true, description = "The transport: http, mqtt, syslog-udp…") String input;
        @Option(names = "--name", required = true, description = "The source name as listed by 'vigil sources'.") String name;

        void put(String path, String field, Object value, boolean none, String neither) {
            if ((value == null) == !none) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), neither);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("input", input);
            body.put("name", name);
            body.put(field, value);
            Output.print(spec.commandLine().getOut(), client,
                    client.put("/api/v1/tenants/" + ApiClient.encode(tenant) + "/sources/" + path, body), COLUMNS);
        }
    }

    @Command(name = "heartbeat", mixinStandardHelpOptions = true,
            description = "Expect a source to send at least every N seconds, or (--none) rely on its learned baseline.")
    static final class Heartbeat implements Runnable {
        @Mixin SourceChange source;
        @Option(names = "--seconds", description = "Longest silence allowed.") Long seconds;
        @Option(names = "--none", description = "Remove the expected heartbeat.") boolean none;

        @Override
        public void run() {
            source.put("heartbeat", "heartbeatSeconds", seconds, none, "give either --seconds N or --none");
        }
    }

    @Command(name = "codec", mixinStandardHelpOptions = true,
            description = "Pin the codec a source is decoded with, whatever it declares and whatever detection finds, "
                    + "or (--none) unpin it.")
    static final class Codec implements Runnable {
        @Mixin SourceChange source;
        @Option(names = "--codec", description = "json, syslog, cef, leef, kv, auditd, auto, csv.<name>…") String codec;
        @Option(names = "--none", description = "Unpin: decode with the declared codec again.") boolean none;

        @Override
        public void run() {
            source.put("codec", "codec", codec, none, "give either --codec C or --none");
        }
    }
}
