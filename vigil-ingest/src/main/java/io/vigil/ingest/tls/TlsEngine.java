package io.vigil.ingest.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/**
 * Which TLS implementation the ingest listeners run on ({@code vigil.ingest.tls.engine}). Certificate checks
 * (chain to the MSSP CA, collector identity, revocation) are the same Java code on every engine; only record
 * encryption and the handshake's cryptography differ.
 */
public enum TlsEngine {

    /** BoringSSL where its native library loads on this platform, else the JDK's engine. */
    AUTO,
    /** BoringSSL (Netty's statically linked {@code netty-tcnative}); refuses to start where it cannot load. */
    BORINGSSL,
    /** The JDK's own engine (SunJSSE). */
    JDK;

    /** The Netty provider this engine stands for on this machine. */
    public SslProvider provider() {
        return switch (this) {
            case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            case JDK -> SslProvider.JDK;
            case BORINGSSL -> {
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalStateException("vigil.ingest.tls.engine is boringssl but BoringSSL cannot load here: "
                            + OpenSsl.unavailabilityCause());
                }
                yield SslProvider.OPENSSL;
            }
        };
    }
}
