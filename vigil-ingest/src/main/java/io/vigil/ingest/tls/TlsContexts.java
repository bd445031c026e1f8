package io.vigil.ingest.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SimpleTrustManagerFactory;
import io.vigil.ingest.syslog.CollectorVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Netty TLS contexts of Vigil's listeners: TLS 1.2 and 1.3 only. The engine is BoringSSL (Netty's
 * {@code netty-tcnative}, statically linked) where its native library loads, which decrypts TLS records several
 * times faster than the JDK's engine, and the JDK's own provider otherwise (see {@link TlsEngine}). Certificate checks are the same Java code on either engine. The syslog context requires
 * a client certificate that chains to the MSSP CA <em>and</em> that the {@link CollectorVerifier} accepts
 * (issued, not revoked, tenant active), so a refused collector fails the handshake and never sends a byte.
 */
public final class TlsContexts {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /** Mutual TLS for syslog (RFC 5425) on the {@link TlsEngine#AUTO} engine. */
    public static SslContext syslogServer(ServerCredentials server, X509Certificate ca, CollectorVerifier verifier) {
        return syslogServer(server, ca, verifier, TlsEngine.AUTO);
    }

    /** Mutual TLS for syslog (RFC 5425) on the given engine. */
    public static SslContext syslogServer(ServerCredentials server, X509Certificate ca, CollectorVerifier verifier,
                                          TlsEngine engine) {
        try {
            return SslContextBuilder.forServer(server.key(), server.chain().toArray(X509Certificate[]::new))
                    .sslProvider(engine.provider())
                    .protocols(PROTOCOLS)
                    .clientAuth(ClientAuth.REQUIRE)
                    .trustManager(new CollectorTrustFactory(new CollectorTrustManager(pkix(ca), verifier)))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the syslog TLS context: " + e.getMessage(), e);
        }
    }

    /** Server-only TLS (HTTPS ingest: the ingest key authenticates the sender) on the {@link TlsEngine#AUTO} engine. */
    public static SslContext httpsServer(ServerCredentials server) {
        return httpsServer(server, TlsEngine.AUTO);
    }

    /** Server-only TLS (HTTPS ingest) on the given engine. */
    public static SslContext httpsServer(ServerCredentials server, TlsEngine engine) {
        try {
            return SslContextBuilder.forServer(server.key(), server.chain().toArray(X509Certificate[]::new))
                    .sslProvider(engine.provider()).protocols(PROTOCOLS).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the HTTPS context: " + e.getMessage(), e);
        }
    }

    /** The key and chain of a PKCS#12 keystore's first key entry (or the named alias). */
    public static ServerCredentials fromKeystore(Path file, char[] password, String alias) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            String chosen = alias;
            if (chosen == null) {
                for (String candidate : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(candidate)) {
                        chosen = candidate;
                        break;
                    }
                }
            }
            if (chosen == null || !store.isKeyEntry(chosen)) {
                throw new IllegalStateException("the keystore " + file + " has no key entry" + (alias == null ? "" : " '" + alias + "'"));
            }
            PrivateKey key = (PrivateKey) store.getKey(chosen, password);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : store.getCertificateChain(chosen)) {
                chain.add((X509Certificate) certificate);
            }
            return new ServerCredentials(key, chain);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the keystore " + file + ": " + e.getMessage(), e);
        }
    }

    private static X509TrustManager pkix(X509Certificate ca) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("vigil-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X.509 trust manager");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust the CA certificate", e);
        }
    }

    /** Chain to the CA (PKIX: signatures, validity, key usage), then ask the verifier. */
    private static final class CollectorTrustManager extends X509ExtendedTrustManager {
        private final X509TrustManager pkix;
        private final CollectorVerifier verifier;

        CollectorTrustManager(X509TrustManager pkix, CollectorVerifier verifier) {
            this.pkix = pkix;
            this.verifier = verifier;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no client certificate");
            }
            pkix.checkClientTrusted(chain, authType);
            if (verifier.verify(chain[0]) instanceof CollectorVerifier.Verdict.Refused refused) {
                throw new CertificateException("collector certificate refused: " + refused.reason());
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a syslog listener trusts no servers");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pkix.getAcceptedIssuers();
        }
    }

    private static final class CollectorTrustFactory extends SimpleTrustManagerFactory {
        private final TrustManager manager;

        CollectorTrustFactory(TrustManager manager) {
            this.manager = manager;
        }

        @Override
        protected void engineInit(KeyStore keyStore) {
        }

        @Override
        protected void engineInit(ManagerFactoryParameters parameters) {
        }

        @Override
        protected TrustManager[] engineGetTrustManagers() {
            return new TrustManager[] {manager};
        }
    }
}
