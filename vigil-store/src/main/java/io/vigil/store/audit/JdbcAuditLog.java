package io.vigil.store.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.audit.AuditOutcome;
import io.vigil.core.audit.AuditRecord;
import io.vigil.core.audit.AuditSink;
import io.vigil.core.error.PermanentException;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.Jdbc;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The tamper-evident audit log in the relational database, and the production {@link AuditSink}.
 *
 * <p>An append is one transaction: lock the single {@code audit_head} row ({@code SELECT ... FOR UPDATE}), compute
 * the next entry's seq and hash from it, insert the entry, move the head. The row lock serialises every appender,
 * threads and processes sharing the database alike, so the chain never forks. Every {@code checkpointEvery}
 * entries the same transaction also stores a signed checkpoint; {@link #checkpoint()} makes one on demand (a timer,
 * shutdown).
 */
public final class JdbcAuditLog implements AuditSink {

    static final int MAX_NAME = 200;
    static final int MAX_ACTION = 100;
    static final int MAX_TARGET = 2000;
    static final int MAX_IP = 100;
    static final int MAX_USER_AGENT = 500;
    static final int MAX_KIND = 32;
    static final int MAX_DETAIL = 2000;
    private static final int CHUNK = 1000;
    private static final String COLUMNS = "seq, at, actor_id, actor_name, actor_kind, tenant_id, action, target, "
            + "outcome, source_ip, user_agent, details, prev_hash, hash";
    private static final TypeReference<LinkedHashMap<String, String>> DETAILS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final AuditSigningKey key;
    private final int checkpointEvery;
    private final Clock clock;
    private static final ObjectMapper READER = new ObjectMapper();

    /**
     * @param key             signs checkpoints
     * @param checkpointEvery a checkpoint after every this many entries (at least 1)
     */
    public JdbcAuditLog(DataSource dataSource, AuditSigningKey key, int checkpointEvery, Clock clock) {
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpoint interval must be at least 1 entry: " + checkpointEvery);
        }
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.key = Objects.requireNonNull(key, "key");
        this.checkpointEvery = checkpointEvery;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public AuditSigningKey key() {
        return key;
    }

    @Override
    public void record(AuditRecord record) {
        append(record);
    }

    /** Appends {@code record} and returns it as linked into the chain. */
    public AuditEntry append(AuditRecord record) {
        AuditRecord stored = asStored(record);
        return Jdbc.inTransaction(dataSource, "appending to the audit log", connection -> {
            Head head = lockHead(connection);
            AuditEntry unsigned = new AuditEntry(head.seq() + 1, stored, head.hash(), null);
            AuditEntry entry = new AuditEntry(unsigned.seq(), stored, head.hash(), unsigned.computedHash());
            insert(connection, entry);
            try (PreparedStatement update = connection.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
                update.setLong(1, entry.seq());
                update.setString(2, entry.hash());
                update.executeUpdate();
            }
            if (entry.seq() % checkpointEvery == 0) {
                insert(connection, key.checkpoint(entry.seq(), entry.hash(), Jdbc.now(clock)));
            }
            return entry;
        });
    }

    /**
     * Signs the current head unless a checkpoint covers it already (or the log is empty).
     *
     * @return the new checkpoint, if one was made
     */
    public Optional<AuditCheckpoint> checkpoint() {
        return Jdbc.inTransaction(dataSource, "checkpointing the audit log", connection -> {
            Head head = lockHead(connection);
            if (head.seq() == 0 || lastCheckpointSeq(connection) >= head.seq()) {
                return Optional.empty();
            }
            AuditCheckpoint checkpoint = key.checkpoint(head.seq(), head.hash(), Jdbc.now(clock));
            insert(connection, checkpoint);
            return Optional.of(checkpoint);
        });
    }

    /** Entries matching {@code query}, newest first. */
    public List<AuditEntry> page(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_entry WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (query.tenant() != null) {
            sql.append(" AND tenant_id = ?");
            parameters.add(query.tenant().value());
        }
        if (query.action() != null) {
            sql.append(" AND action = ?");
            parameters.add(query.action());
        }
        if (query.actor() != null) {
            sql.append(" AND actor_name = ?");
            parameters.add(query.actor());
        }
        if (query.from() != null) {
            sql.append(" AND at >= ?");
            parameters.add(Jdbc.timestamp(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND at < ?");
            parameters.add(Jdbc.timestamp(query.to()));
        }
        if (query.beforeSeq() != null) {
            sql.append(" AND seq < ?");
            parameters.add(query.beforeSeq());
        }
        sql.append(" ORDER BY seq DESC LIMIT ").append(query.limit());
        return Jdbc.withConnection(dataSource, "reading the audit log", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                return entries(statement);
            }
        });
    }

    /** Every entry in seq order, read in chunks so that a long log never sits in memory whole. */
    public void forEach(Consumer<AuditEntry> action) {
        inOrder(this::entry, AuditEntry::seq, action);
    }

    /**
     * Verifies the log as stored now against its checkpoints and this log's public key. Reads the columns as they
     * are, however they were tampered with, so that verification names the entry rather than failing to read it.
     */
    public AuditVerification verify() {
        List<AuditVerifier.Line> lines = new ArrayList<>();
        inOrder(JdbcAuditLog::line, AuditVerifier.Line::seq, lines::add);
        return AuditVerifier.verify(lines, checkpoints(), key.publicKey());
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private <T> void inOrder(RowReader<T> reader, java.util.function.ToLongFunction<T> seqOf, Consumer<T> action) {
        long after = 0;
        while (true) {
            long from = after;
            List<T> chunk = Jdbc.withConnection(dataSource, "reading the audit log", connection -> {
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM audit_entry WHERE seq > ? ORDER BY seq LIMIT " + CHUNK)) {
                    statement.setLong(1, from);
                    List<T> rows = new ArrayList<>();
                    try (ResultSet row = statement.executeQuery()) {
                        while (row.next()) {
                            rows.add(reader.read(row));
                        }
                    }
                    return rows;
                }
            });
            chunk.forEach(action);
            if (chunk.size() < CHUNK) {
                return;
            }
            after = seqOf.applyAsLong(chunk.getLast());
        }
    }

    private static AuditVerifier.Line line(ResultSet row) throws SQLException {
        long seq = row.getLong("seq");
        UUID tenant = row.getObject("tenant_id", UUID.class);
        AuditRecord record = new AuditRecord(Jdbc.instant(row, "at"), row.getObject("actor_id", UUID.class),
                row.getString("actor_name"), row.getString("actor_kind"), tenant == null ? null : new TenantId(tenant),
                row.getString("action"), row.getString("target"), AuditOutcome.SUCCESS, row.getString("source_ip"),
                row.getString("user_agent"), Map.of());
        String detailsText = row.getString("details");
        String details;
        try {
            details = AuditEntry.details(new java.util.TreeMap<>(READER.readValue(detailsText, DETAILS)));
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            StringBuilder quoted = new StringBuilder();
            CanonicalJson.quote(quoted, String.valueOf(detailsText));
            details = quoted.toString();
        }
        String prevHash = row.getString("prev_hash");
        String canonical = AuditEntry.canonical(seq, record, row.getString("outcome"), details, prevHash);
        return new AuditVerifier.Line(seq, prevHash, canonical, row.getString("hash"));
    }

    /** Every checkpoint, oldest first. */
    public List<AuditCheckpoint> checkpoints() {
        return Jdbc.withConnection(dataSource, "reading audit checkpoints", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT seq, at, head_hash, signature, key_id FROM audit_checkpoint ORDER BY seq");
                 ResultSet rows = statement.executeQuery()) {
                List<AuditCheckpoint> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(new AuditCheckpoint(rows.getLong("seq"), Jdbc.instant(rows, "at"),
                            rows.getString("head_hash"), rows.getString("signature"), rows.getString("key_id")));
                }
                return result;
            }
        });
    }

    private record Head(long seq, String hash) {
    }

    private static Head lockHead(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
             ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                throw new PermanentException("the audit log's head row is missing: the audit_head table was tampered with");
            }
            return new Head(row.getLong("seq"), row.getString("hash"));
        }
    }

    private static long lastCheckpointSeq(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT MAX(seq) FROM audit_checkpoint");
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void insert(Connection connection, AuditEntry entry) throws SQLException {
        AuditRecord r = entry.record();
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO audit_entry (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            statement.setLong(1, entry.seq());
            statement.setObject(2, Jdbc.timestamp(r.at()));
            statement.setObject(3, r.actorId());
            statement.setString(4, r.actorName());
            statement.setString(5, r.actorKind());
            statement.setObject(6, r.tenant() == null ? null : r.tenant().value());
            statement.setString(7, r.action());
            statement.setString(8, r.target());
            statement.setString(9, r.outcome().name());
            statement.setString(10, r.sourceIp());
            statement.setString(11, r.userAgent());
            statement.setString(12, AuditEntry.details(r.details()));
            statement.setString(13, entry.prevHash());
            statement.setString(14, entry.hash());
            statement.executeUpdate();
        }
    }

    private static void insert(Connection connection, AuditCheckpoint checkpoint) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO audit_checkpoint (seq, at, head_hash, signature, key_id) VALUES (?, ?, ?, ?, ?)")) {
            statement.setLong(1, checkpoint.seq());
            statement.setObject(2, Jdbc.timestamp(checkpoint.at()));
            statement.setString(3, checkpoint.headHash());
            statement.setString(4, checkpoint.signature());
            statement.setString(5, checkpoint.keyId());
            statement.executeUpdate();
        }
    }

    private List<AuditEntry> entries(PreparedStatement statement) throws SQLException {
        List<AuditEntry> result = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                result.add(entry(rows));
            }
        }
        return result;
    }

    private AuditEntry entry(ResultSet row) throws SQLException {
        long seq = row.getLong("seq");
        UUID tenant = row.getObject("tenant_id", UUID.class);
        AuditRecord record = new AuditRecord(Jdbc.instant(row, "at"), row.getObject("actor_id", UUID.class),
                row.getString("actor_name"), row.getString("actor_kind"), tenant == null ? null : new TenantId(tenant),
                row.getString("action"), row.getString("target"), outcome(seq, row.getString("outcome")),
                row.getString("source_ip"), row.getString("user_agent"), details(seq, row.getString("details")));
        return new AuditEntry(seq, record, row.getString("prev_hash"), row.getString("hash"));
    }

    private static AuditOutcome outcome(long seq, String text) {
        try {
            return AuditOutcome.valueOf(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            // Only tampering produces this: never pass it off as a real outcome.
            throw new PermanentException("audit entry " + seq + " has an invalid outcome '" + text
                    + "': the log was tampered with (run 'vigil audit verify')", e);
        }
    }

    private Map<String, String> details(long seq, String text) {
        try {
            return READER.readValue(text, DETAILS);
        } catch (IOException | IllegalArgumentException e) {
            throw new PermanentException("audit entry " + seq + " has unreadable details: the log was tampered with"
                    + " (run 'vigil audit verify')", e);
        }
    }

    /** The record as the columns keep it, so that the hash computed now is the one a later read reproduces. */
    static AuditRecord asStored(AuditRecord r) {
        Map<String, String> details = new LinkedHashMap<>();
        r.details().forEach((k, v) -> details.put(CanonicalJson.clean(k, MAX_NAME), CanonicalJson.clean(v, MAX_DETAIL)));
        return new AuditRecord(Jdbc.asStored(r.at()), r.actorId(), CanonicalJson.clean(r.actorName(), MAX_NAME),
                CanonicalJson.clean(r.actorKind(), MAX_KIND), r.tenant(), CanonicalJson.clean(r.action(), MAX_ACTION),
                CanonicalJson.clean(r.target(), MAX_TARGET), r.outcome(), CanonicalJson.clean(r.sourceIp(), MAX_IP),
                CanonicalJson.clean(r.userAgent(), MAX_USER_AGENT), details);
    }
}
