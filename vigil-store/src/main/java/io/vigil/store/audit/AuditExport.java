package io.vigil.store.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The audit export for auditors: a zip (or the directory it unpacks to) of
 * <ul>
 *   <li>{@value #ENTRIES}: one canonical line per entry, in seq order;</li>
 *   <li>{@value #CHECKPOINTS}: one line per signed checkpoint;</li>
 *   <li>{@value AuditSigningKey#PUBLIC_FILE}: the Ed25519 public key;</li>
 *   <li>{@value #SCRIPT}: the verification with sh, jq, sha256sum, base64 and openssl, and {@value #README}.</li>
 * </ul>
 */
public final class AuditExport {

    public static final String ENTRIES = "entries.jsonl";
    public static final String CHECKPOINTS = "checkpoints.jsonl";
    public static final String SCRIPT = "verify.sh";
    public static final String README = "VERIFY.txt";
    static final Set<String> FILES = Set.of(ENTRIES, CHECKPOINTS, AuditSigningKey.PUBLIC_FILE, SCRIPT, README);
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditExport() {
    }

    /** Writes the whole log as an export zip. Checkpoints are read first, so every one of them is covered. */
    public static void writeZip(JdbcAuditLog log, OutputStream out) throws IOException {
        List<AuditCheckpoint> checkpoints = log.checkpoints();
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.putNextEntry(new ZipEntry(ENTRIES));
        Writer writer = new java.io.OutputStreamWriter(zip, StandardCharsets.UTF_8);
        try {
            log.forEach(entry -> {
                try {
                    writer.write(entry.canonical());
                    writer.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
        zip.closeEntry();
        text(zip, CHECKPOINTS, lines(checkpoints.stream().map(AuditCheckpoint::canonical).toList()));
        text(zip, AuditSigningKey.PUBLIC_FILE, log.key().publicPem());
        text(zip, SCRIPT, resource(SCRIPT));
        text(zip, README, readme(log.key().keyId()));
        zip.finish();
        zip.flush();
    }

    /**
     * Unpacks an export zip into {@code directory} (created if missing). Only the export's own file names are
     * accepted, so an archive cannot write outside the directory.
     *
     * @throws IllegalArgumentException for a zip that is not an export
     */
    public static void unzip(InputStream in, Path directory) throws IOException {
        Files.createDirectories(directory);
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!FILES.contains(entry.getName())) {
                    throw new IllegalArgumentException("not an audit export: unexpected file '" + entry.getName() + "'");
                }
                Files.copy(zip, directory.resolve(entry.getName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * Verifies an export directory offline.
     *
     * @throws IllegalArgumentException naming the problem if a file is missing or the key is not an Ed25519 key
     */
    public static AuditVerification verify(Path directory) throws IOException {
        for (String name : List.of(ENTRIES, CHECKPOINTS, AuditSigningKey.PUBLIC_FILE)) {
            if (!Files.isRegularFile(directory.resolve(name))) {
                throw new IllegalArgumentException("not an audit export: " + directory.resolve(name) + " is missing");
            }
        }
        PublicKey key = AuditSigningKey.readPublicPem(Files.readString(directory.resolve(AuditSigningKey.PUBLIC_FILE)));
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(directory.resolve(CHECKPOINTS), StandardCharsets.UTF_8)) {
            number++;
            if (!line.isBlank()) {
                checkpoints.add(checkpoint(line, number));
            }
        }
        List<AuditVerifier.Line> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(directory.resolve(ENTRIES), StandardCharsets.UTF_8)) {
            long position = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                position++;
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    node = null;
                }
                if (node == null || !node.path("seq").canConvertToLong() || !node.path("prev_hash").isTextual()) {
                    long seq = lines.isEmpty() ? position : lines.getLast().seq() + 1;
                    return new AuditVerification.Broken(seq, AuditVerification.Problem.MODIFIED,
                            "line " + position + " of " + ENTRIES + " is not an entry (unreadable JSON, seq or prev_hash)");
                }
                lines.add(new AuditVerifier.Line(node.get("seq").asLong(), node.get("prev_hash").asText(), line, null));
            }
        }
        return AuditVerifier.verify(lines, checkpoints, key);
    }

    private static AuditCheckpoint checkpoint(String line, int number) {
        try {
            JsonNode node = JSON.readTree(line);
            return new AuditCheckpoint(node.get("seq").asLong(), Instant.parse(node.get("at").asText()),
                    node.get("head").asText(), node.get("signature").asText(), node.get("key_id").asText());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("line " + number + " of " + CHECKPOINTS + " is not a checkpoint: " + e.getMessage(), e);
        }
    }

    private static String lines(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    private static void text(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    static String readme(String keyId) {
        return resource(README).replace("${KEY_ID}", keyId);
    }

    private static String resource(String name) {
        try (InputStream in = AuditExport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
