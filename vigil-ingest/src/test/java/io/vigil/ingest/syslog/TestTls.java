package io.vigil.ingest.syslog;

import io.vigil.ingest.tls.CertificateAuthority;
import io.vigil.ingest.tls.IssuedCertificate;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A JDK TLS client context presenting a collector certificate and trusting the CA. */
final class TestTls {

    private TestTls() {
    }

    static SSLContext client(IssuedCertificate collector, CertificateAuthority ca) throws Exception {
        char[] password = "test".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("collector", collector.privateKey(), password,
                new Certificate[] {collector.certificate(), ca.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trusting(ca.certificate()).getTrustManagers(), null);
        return context;
    }

    static TrustManagerFactory trusting(X509Certificate ca) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", ca);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        return trust;
    }
}
