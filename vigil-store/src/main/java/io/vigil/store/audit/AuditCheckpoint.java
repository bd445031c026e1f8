package io.vigil.store.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed statement that the log's entry {@code seq} had hash {@code headHash} at time {@code at}.
 *
 * @param signature the Ed25519 signature over {@link #message()}, in base64
 * @param keyId     which key signed: {@link AuditSigningKey#keyId(java.security.PublicKey)}
 */
public record AuditCheckpoint(long seq, Instant at, String headHash, String signature, String keyId) {

    /** The first line of every signed message: the message format and its version. */
    public static final String MESSAGE_HEADER = "vigil-audit-checkpoint v1";

    public AuditCheckpoint {
        if (seq < 1) {
            throw new IllegalArgumentException("a checkpoint covers at least entry 1, not " + seq);
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(headHash, "headHash");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(keyId, "keyId");
    }

    /**
     * The signed bytes: four lines, each ending in a newline:
     * <pre>
     * vigil-audit-checkpoint v1
     * seq &lt;seq&gt;
     * head &lt;head hash, 64 hex digits&gt;
     * at &lt;yyyy-MM-ddTHH:mm:ss.ffffffZ&gt;
     * </pre>
     */
    public static byte[] message(long seq, String headHash, Instant at) {
        return (MESSAGE_HEADER + "\nseq " + seq + "\nhead " + headHash + "\nat " + AuditEntry.time(at) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    public byte[] message() {
        return message(seq, headHash, at);
    }

    /** The checkpoint as one line of {@code checkpoints.jsonl} (canonical JSON, keys ascending). */
    public String canonical() {
        return new CanonicalJson()
                .string("at", AuditEntry.time(at))
                .string("head", headHash)
                .string("key_id", keyId)
                .number("seq", seq)
                .string("signature", signature)
                .end();
    }
}
