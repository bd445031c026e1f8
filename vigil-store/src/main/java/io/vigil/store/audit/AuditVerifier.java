package io.vigil.store.audit;

import io.vigil.store.audit.AuditVerification.Broken;
import io.vigil.store.audit.AuditVerification.Problem;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks an audit log offline: entries (from the database or an export), checkpoints and the public key. Needs
 * neither a server nor a database. It reports the first bad entry in log order:
 * <ul>
 *   <li>a seq that skips numbers: {@link Problem#DELETED deleted} (or {@link Problem#REORDERED reordered} when the
 *       missing seq appears later);</li>
 *   <li>an entry whose canonical line does not hash to its stored hash, or to the next entry's {@code prev_hash}:
 *       {@link Problem#MODIFIED modified};</li>
 *   <li>a consistent chain whose hash at a checkpoint differs from the signed head: {@link Problem#REWRITTEN};</li>
 *   <li>a log that ends before the newest checkpoint: {@link Problem#TRUNCATED truncated};</li>
 *   <li>a checkpoint not signed by the key: {@link Problem#BAD_SIGNATURE bad signature}.</li>
 * </ul>
 */
public final class AuditVerifier {

    /**
     * One entry as the verifier sees it.
     *
     * @param canonical  the entry's canonical line (what its hash covers)
     * @param prevHash   the hash it links to, as written in the line
     * @param storedHash the hash stored beside it, {@code null} where there is none (an export holds only lines)
     */
    public record Line(long seq, String prevHash, String canonical, String storedHash) {
        public Line {
            Objects.requireNonNull(prevHash, "prevHash");
            Objects.requireNonNull(canonical, "canonical");
        }

        public static Line of(AuditEntry entry) {
            return new Line(entry.seq(), entry.prevHash(), entry.canonical(), entry.hash());
        }
    }

    private AuditVerifier() {
    }

    /** Verifies {@code lines} in the order given against {@code checkpoints} signed by {@code key}. */
    public static AuditVerification verify(List<Line> lines, List<AuditCheckpoint> checkpoints, PublicKey key) {
        String trustedId = AuditSigningKey.keyId(key);
        Map<Long, AuditCheckpoint> bySeq = new TreeMap<>();
        for (AuditCheckpoint checkpoint : checkpoints.stream().sorted(java.util.Comparator.comparingLong(AuditCheckpoint::seq)).toList()) {
            byte[] signature;
            try {
                signature = Base64.getDecoder().decode(checkpoint.signature());
            } catch (IllegalArgumentException e) {
                signature = new byte[0];
            }
            if (!checkpoint.keyId().equals(trustedId)) {
                return new Broken(checkpoint.seq(), Problem.BAD_SIGNATURE, "checkpoint at seq " + checkpoint.seq()
                        + " names key " + checkpoint.keyId() + ", not the trusted key " + trustedId);
            }
            if (!AuditSigningKey.verify(key, checkpoint.message(), signature)) {
                return new Broken(checkpoint.seq(), Problem.BAD_SIGNATURE, "checkpoint at seq " + checkpoint.seq()
                        + " is not signed by the trusted key " + trustedId + " (forged or altered)");
            }
            bySeq.put(checkpoint.seq(), checkpoint);
        }

        Set<Long> present = new HashSet<>();
        lines.forEach(line -> present.add(line.seq()));
        long expected = 1;
        long lastSigned = 0;
        String previousHash = AuditEntry.GENESIS;
        boolean previousVouched = false; // the previous line matched a stored hash of its own
        for (Line line : lines) {
            if (line.seq() != expected) {
                if (line.seq() < expected || present.contains(expected)) {
                    long misplaced = line.seq() < expected ? line.seq() : expected;
                    return new Broken(misplaced, Problem.REORDERED, "entry " + line.seq() + " follows entry "
                            + (expected - 1) + (line.seq() < expected ? "" : "; entry " + expected + " comes later"));
                }
                return new Broken(expected, Problem.DELETED, expected == line.seq() - 1
                        ? "entry " + expected + " is missing (entry " + line.seq() + " follows " + (expected - 1) + ")"
                        : "entries " + expected + "-" + (line.seq() - 1) + " are missing");
            }
            String computed = CanonicalJson.sha256(line.canonical());
            if (line.storedHash() != null && !line.storedHash().equals(computed)) {
                return new Broken(line.seq(), Problem.MODIFIED, "its content hashes to " + computed
                        + ", not to its recorded hash " + line.storedHash());
            }
            if (!line.prevHash().equals(previousHash)) {
                if (line.seq() == 1 || previousVouched) {
                    return new Broken(line.seq(), Problem.MODIFIED, "its prev_hash " + line.prevHash()
                            + " is not the hash of entry " + (line.seq() - 1) + " (" + previousHash + ")");
                }
                return new Broken(line.seq() - 1, Problem.MODIFIED, "its content hashes to " + previousHash
                        + ", but entry " + line.seq() + " links to " + line.prevHash());
            }
            AuditCheckpoint checkpoint = bySeq.get(line.seq());
            if (checkpoint != null) {
                if (!checkpoint.headHash().equals(computed)) {
                    return new Broken(lastSigned + 1, Problem.REWRITTEN, "the chain at entry " + line.seq() + " hashes to "
                            + computed + " but the signed checkpoint says " + checkpoint.headHash()
                            + "; entries " + (lastSigned + 1) + "-" + line.seq() + " were rewritten");
                }
                lastSigned = line.seq();
            }
            previousHash = computed;
            previousVouched = line.storedHash() != null;
            expected++;
        }
        long last = expected - 1;
        if (!bySeq.isEmpty()) {
            long newestCheckpoint = ((TreeMap<Long, AuditCheckpoint>) bySeq).lastKey();
            if (newestCheckpoint > last) {
                return new Broken(last + 1, Problem.TRUNCATED, "the log ends at entry " + last
                        + " but a signed checkpoint covers entry " + newestCheckpoint);
            }
        }
        return new AuditVerification.Intact(last, bySeq.size(), lastSigned);
    }
}
