package io.vigil.server.config;

import io.vigil.ingest.tls.TlsEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * TLS of the ingest listeners and the built-in MSSP certificate authority.
 *
 * @param caDirectory         where the CA keeps {@code ca.key} (owner-only) and {@code ca.crt}, created at first start;
 *                            unset means {@code <data-dir>/ca}
 * @param caName              common name of the CA certificate when it is created
 * @param serverNames         host names and addresses the listeners' server certificate (issued by the CA at each start) is valid for
 * @param keystore            a PKCS#12 keystore with the server key and chain to use instead of a CA-issued certificate
 * @param keystorePassword    password of that keystore
 * @param http                serve HTTP ingest over TLS (HTTPS) on its port instead of plain HTTP
 * @param certificateValidity validity of a collector certificate unless the request names one (at most the CA's own)
 * @param revocationCacheTtl  how long a certificate's status is cached for handshakes; a revocation through this server
 *                            takes effect at once, one made by another server within this time
 * @param engine              TLS implementation of the listeners: {@code auto} (BoringSSL where it loads, else the JDK's),
 *                            {@code boringssl} (refuse to start without it) or {@code jdk}
 */
public record IngestTlsSettings(Path caDirectory, String caName, List<String> serverNames, Path keystore,
                                String keystorePassword, Boolean http, Duration certificateValidity,
                                Duration revocationCacheTtl, TlsEngine engine) {

    public IngestTlsSettings {
        caName = caName == null || caName.isBlank() ? "Vigil MSSP collector CA" : caName.strip();
        serverNames = serverNames == null || serverNames.isEmpty() ? List.of("localhost") : List.copyOf(serverNames);
        http = http != null && http;
        certificateValidity = certificateValidity == null ? Duration.ofDays(397) : certificateValidity;
        if (certificateValidity.isNegative() || certificateValidity.isZero()) {
            throw new IllegalArgumentException("vigil.ingest.tls.certificate-validity must be positive");
        }
        revocationCacheTtl = revocationCacheTtl == null ? Duration.ofSeconds(30) : revocationCacheTtl;
        engine = engine == null ? TlsEngine.AUTO : engine;
        if (revocationCacheTtl.isNegative()) {
            throw new IllegalArgumentException("vigil.ingest.tls.revocation-cache-ttl must not be negative");
        }
    }

    @Override
    public String toString() {
        return "IngestTlsSettings[caDirectory=" + caDirectory + ", serverNames=" + serverNames + ", keystore=" + keystore
                + ", keystorePassword=" + (keystorePassword == null ? "none" : "***") + ", http=" + http + ", engine=" + engine + "]";
    }
}
