package io.vigil.ingest.syslog;

import java.security.cert.X509Certificate;

/**
 * Decides whether a client certificate that chains to the MSSP CA may send, and as whom. Called during
 * every TLS handshake (a refusal fails the handshake) and once more when it completes; implementations
 * check revocation against their store and may cache for a short, documented time.
 */
@FunctionalInterface
public interface CollectorVerifier {

    Verdict verify(X509Certificate certificate);

    /** The outcome of a check. */
    sealed interface Verdict {
        /** The certificate is issued, not revoked, and its tenant accepts telemetry. */
        record Accepted(Sender sender) implements Verdict {
        }

        /** Refused, with the reason logged and counted. */
        record Refused(String reason) implements Verdict {
        }
    }
}
