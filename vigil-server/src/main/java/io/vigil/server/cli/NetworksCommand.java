package io.vigil.server.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil networks …}: a tenant's source networks for plain UDP/TCP syslog. */
@Command(name = "networks", mixinStandardHelpOptions = true, description = "Declare the networks a tenant sends plain syslog from.",
        subcommands = {NetworksCommand.Declare.class, NetworksCommand.List.class, NetworksCommand.Delete.class})
final class NetworksCommand {

    static final String[] COLUMNS = {"id", "cidr", "codec", "label"};

    static String base(String tenant) {
        return "/api/v1/tenants/" + ApiClient.encode(tenant) + "/collectors/networks";
    }

    @Command(name = "declare", mixinStandardHelpOptions = true, description = "Declare a network (CIDR) of a tenant.")
    static final class Declare implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;
        @Option(names = "--cidr", required = true, description = "Address or CIDR block, e.g. 10.1.0.0/16.") String cidr;
        @Option(names = "--codec", description = "Codec of its events (default: vigil.ingest.syslog.codec).") String codec;
        @Option(names = "--label", description = "What sends from it.") String label;

        @Override
        public void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("cidr", cidr);
            if (codec != null) {
                body.put("codec", codec);
            }
            if (label != null) {
                body.put("label", label);
            }
            Output.print(spec.commandLine().getOut(), client, client.post(base(tenant), body), COLUMNS);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a tenant's source networks.")
    static final class List implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;

        @Override
        public void run() {
            Output.print(spec.commandLine().getOut(), client, client.get(base(tenant)), COLUMNS);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a source network.")
    static final class Delete implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;
        @Parameters(paramLabel = "ID") String id;

        @Override
        public void run() {
            Output.print(spec.commandLine().getOut(), client, client.delete(base(tenant) + "/" + ApiClient.encode(id)), COLUMNS);
        }
    }
}
