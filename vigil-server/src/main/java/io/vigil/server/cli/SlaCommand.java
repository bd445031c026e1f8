package io.vigil.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil contract show|set} and {@code vigil sla compliance|clocks}: a tenant's service contract, its monthly
 * SLA compliance and one incident's clocks.
 */
final class SlaCommand {

    private SlaCommand() {
    }

    /** The largest contract file read; the server refuses larger bodies anyway. */
    static final long MAX_FILE_BYTES = 256 * 1024;

    @Command(name = "contract", mixinStandardHelpOptions = true, description = "A tenant's service contract (docs/sla.md).",
            subcommands = {Show.class, Set.class})
    static final class Contract {
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the contract in force as JSON.")
    static final class Show implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id of the tenant.") String tenant;

        @Override
        public void run() {
            JsonNode answer = client.get("/api/v1/tenants/" + ApiClient.encode(tenant) + "/contract");
            spec.commandLine().getOut().println((client.json ? answer : answer.get("contract")).toPrettyString());
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Replace the contract with a JSON file.")
    static final class Set implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id of the tenant.") String tenant;
        @Parameters(paramLabel = "FILE", description = "The contract as JSON.") Path file;

        @Override
        public void run() {
            JsonNode contract;
            try {
                if (Files.size(file) > MAX_FILE_BYTES) {
                    throw new IllegalArgumentException(file + " is larger than " + MAX_FILE_BYTES / 1024 + " KiB");
                }
                contract = ApiClient.JSON.readTree(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            JsonNode answer = client.put("/api/v1/tenants/" + ApiClient.encode(tenant) + "/contract", contract);
            spec.commandLine().getOut().println("contract of " + answer.path("tenant").asText() + " saved, version "
                    + answer.path("version").asInt());
        }
    }

    @Command(name = "sla", mixinStandardHelpOptions = true, description = "SLA compliance and clocks (docs/sla.md).",
            subcommands = {ComplianceReport.class, Clocks.class})
    static final class Sla {
    }

    @Command(name = "compliance", mixinStandardHelpOptions = true, description = "SLA compliance of one month, per priority.")
    static final class ComplianceReport implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id of the tenant.") String tenant;
        @Option(names = "--month", required = true, paramLabel = "YYYY-MM") String month;

        @Override
        public void run() {
            JsonNode answer = client.get("/api/v1/tenants/" + ApiClient.encode(tenant) + "/sla/compliance?month="
                    + ApiClient.encode(month));
            if (client.json) {
                spec.commandLine().getOut().println(answer.toPrettyString());
                return;
            }
            var out = spec.commandLine().getOut();
            out.printf("%-8s %9s %15s %15s %15s %15s%n", "priority", "incidents", "response met", "response breach",
                    "resolution met", "resol. breach");
            for (JsonNode line : answer.at("/compliance/priorities")) {
                out.printf("%-8s %9d %15d %15d %15d %15d%n", line.path("priority").asText(), line.path("incidents").asInt(),
                        line.at("/response/met").asInt(), line.at("/response/breached").asInt(),
                        line.at("/resolution/met").asInt(), line.at("/resolution/breached").asInt());
            }
            JsonNode means = answer.at("/compliance/means");
            out.println("MTTA " + means.path("mtta").asText("-") + "  MTTR " + means.path("mttr").asText("-") + "  MTTD "
                    + means.path("mttd").asText("-"));
            out.println("credits owed " + answer.at("/compliance/creditsOwed").asText() + " "
                    + answer.at("/compliance/creditUnit").asText()
                    + (answer.at("/compliance/creditsCapped").asBoolean() ? " (capped)" : ""));
        }
    }

    @Command(name = "clocks", mixinStandardHelpOptions = true, description = "One incident's SLA and regulatory clocks.")
    static final class Clocks implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id of the tenant.") String tenant;
        @Parameters(paramLabel = "INCIDENT", description = "The incident's id.") String incident;

        @Override
        public void run() {
            JsonNode answer = client.get("/api/v1/tenants/" + ApiClient.encode(tenant) + "/incidents/"
                    + ApiClient.encode(incident) + "/clocks");
            if (client.json) {
                spec.commandLine().getOut().println(answer.toPrettyString());
                return;
            }
            Output.print(spec.commandLine().getOut(), client, answer.get("sla"), "clock", "state", "elapsedText", "dueAt", "cause");
            for (JsonNode regime : answer.path("regulatory")) {
                spec.commandLine().getOut().println(regime.path("regime").asText() + " (aware " + regime.path("awareAt").asText() + ")");
                Output.print(spec.commandLine().getOut(), client, regime.get("steps"), "step", "state", "dueAt", "missing");
            }
        }
    }
}
