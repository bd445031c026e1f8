package io.vigil.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil certs …}: collector certificates from the MSSP CA, for syslog over TLS. */
@Command(name = "certs", mixinStandardHelpOptions = true, description = "Issue, list and revoke collector certificates.",
        subcommands = {CertsCommand.Issue.class, CertsCommand.List.class, CertsCommand.Revoke.class})
final class CertsCommand {

    static final String[] COLUMNS = {"serial", "collector", "notAfter", "status"};

    static String base(String tenant) {
        return "/api/v1/tenants/" + ApiClient.encode(tenant) + "/collectors/certificates";
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Issue a certificate for a collector; with --out, write <collector>.crt, <collector>.key (0600) and ca.crt.")
    static final class Issue implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;
        @Option(names = "--collector", required = true, description = "Collector name, e.g. 'fw-hq'.") String collector;
        @Option(names = "--days", description = "Validity in days (default: vigil.ingest.tls.certificate-validity).") Integer days;
        @Option(names = "--out", description = "Directory to write the certificate, key and CA certificate to.") Path out;

        @Override
        public void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("collector", collector);
            if (days != null) {
                body.put("validityDays", days);
            }
            JsonNode issued = client.post(base(tenant), body);
            if (out != null) {
                write(issued);
                if (!client.json) {
                    spec.commandLine().getOut().println("Wrote " + out.resolve(collector + ".crt") + ", "
                            + out.resolve(collector + ".key") + " and " + out.resolve("ca.crt"));
                }
            }
            Output.print(spec.commandLine().getOut(), client, issued, out == null
                    ? new String[] {"serial", "collector", "notAfter", "certificatePem", "privateKeyPem", "caCertificatePem"}
                    : new String[] {"serial", "collector", "notAfter", "fingerprintSha256"});
            if (!client.json && out == null) {
                spec.commandLine().getOut().println("Store the private key now: it is not shown again.");
            }
        }

        private void write(JsonNode issued) {
            try {
                Files.createDirectories(out);
                Path key = out.resolve(collector + ".key");
                Files.deleteIfExists(key);
                try {
                    Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(key);
                }
                Files.writeString(key, issued.path("privateKeyPem").asText(), StandardCharsets.US_ASCII);
                Files.writeString(out.resolve(collector + ".crt"), issued.path("certificatePem").asText(), StandardCharsets.US_ASCII);
                Files.writeString(out.resolve("ca.crt"), issued.path("caCertificatePem").asText(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the certificate files to " + out + ": " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a tenant's collector certificates.")
    static final class List implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;

        @Override
        public void run() {
            Output.print(spec.commandLine().getOut(), client, client.get(base(tenant)), COLUMNS);
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a collector certificate; its connections close and new handshakes fail at once.")
    static final class Revoke implements Runnable {
        @Mixin ApiClient client;
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "Slug or id.") String tenant;
        @Parameters(paramLabel = "SERIAL", description = "Serial number in hex, as 'certs list' shows it.") String serial;

        @Override
        public void run() {
            Output.print(spec.commandLine().getOut(), client, client.delete(base(tenant) + "/" + ApiClient.encode(serial)), COLUMNS);
        }
    }
}
