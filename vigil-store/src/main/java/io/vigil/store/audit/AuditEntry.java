package io.vigil.store.audit;

import io.vigil.core.audit.AuditRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the audit log: a record at its place in the hash chain.
 *
 * @param seq      its position, 1, 2, 3… without gaps
 * @param record   what was recorded, as stored (text cleaned and cut to the column sizes, time in microseconds)
 * @param prevHash the {@link #hash} of entry {@code seq - 1}; 64 zeros for the first entry
 * @param hash     the SHA-256 of {@link #canonical()}, as stored
 */
public record AuditEntry(long seq, AuditRecord record, String prevHash, String hash) {

    /** The hash the entry before the first one links to. */
    public static final String GENESIS = "0".repeat(64);
    /** The version of the canonical line, its member {@code v}. */
    public static final int FORMAT = 1;

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    public AuditEntry {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(prevHash, "prevHash");
    }

    /**
     * The entry's canonical line: members {@code action, actor_id, actor_kind, actor_name, at, details, outcome,
     * prev_hash, seq, source_ip, target, tenant_id, user_agent, v} in that (ascending) order, absent values as
     * {@code null}, {@code at} as {@code yyyy-MM-ddTHH:mm:ss.ffffffZ}, {@code details} an object of strings with
     * ascending keys. See {@link CanonicalJson} for the byte form.
     */
    public String canonical() {
        return canonical(seq, record, record.outcome().name(), details(record.details()), prevHash);
    }

    /** The canonical line from column values, which need not be valid any more (a tampered outcome). */
    static String canonical(long seq, AuditRecord r, String outcome, String detailsJson, String prevHash) {
        return new CanonicalJson()
                .string("action", r.action())
                .string("actor_id", r.actorId() == null ? null : r.actorId().toString())
                .string("actor_kind", r.actorKind())
                .string("actor_name", r.actorName())
                .string("at", time(r.at()))
                .raw("details", detailsJson)
                .string("outcome", outcome)
                .string("prev_hash", prevHash)
                .number("seq", seq)
                .string("source_ip", r.sourceIp())
                .string("target", r.target())
                .string("tenant_id", r.tenant() == null ? null : r.tenant().toString())
                .string("user_agent", r.userAgent())
                .number("v", FORMAT)
                .end();
    }

    /** The SHA-256 of the canonical line as it is now: differs from {@link #hash} when a column was changed. */
    public String computedHash() {
        return CanonicalJson.sha256(canonical());
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    /** The details as a canonical JSON object (the record keeps them sorted by key). */
    static String details(Map<String, String> details) {
        CanonicalJson json = new CanonicalJson();
        details.forEach(json::string);
        return json.end();
    }
}
