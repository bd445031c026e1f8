package io.vigil.ingest.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A TLS server's private key and its certificate chain (leaf first). */
public record ServerCredentials(PrivateKey key, List<X509Certificate> chain) {

    public ServerCredentials {
        if (key == null || chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("a server needs a key and at least one certificate");
        }
        chain = List.copyOf(chain);
    }
}
