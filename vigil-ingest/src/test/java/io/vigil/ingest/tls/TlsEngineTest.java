package io.vigil.ingest.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import io.vigil.ingest.syslog.CollectorVerifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsEngineTest {

    @TempDir
    Path dir;

    @Test
    void autoRunsOnBoringSslOnThisPlatform() {
        assertThat(OpenSsl.isAvailable())
                .as("BoringSSL should load on linux-x86_64: %s", OpenSsl.unavailabilityCause())
                .isTrue();
        assertThat(TlsEngine.AUTO.provider()).isEqualTo(SslProvider.OPENSSL);
        assertThat(TlsEngine.JDK.provider()).isEqualTo(SslProvider.JDK);
    }

    @Test
    void listenersOfferOnlyTls12And13OnEitherEngine() throws Exception {
        CertificateAuthority ca = CertificateAuthority.openOrCreate(dir, "Test CA", Clock.systemUTC());
        ServerCredentials server = ca.issueServer(List.of("localhost"), Duration.ofDays(1));
        CollectorVerifier verifier = certificate -> new CollectorVerifier.Verdict.Refused("none");
        for (TlsEngine engine : List.of(TlsEngine.BORINGSSL, TlsEngine.JDK)) {
            for (SslContext context : List.of(TlsContexts.syslogServer(server, ca.certificate(), verifier, engine),
                    TlsContexts.httpsServer(server, engine))) {
                SSLEngine sslEngine = context.newEngine(ByteBufAllocator.DEFAULT);
                try {
                    assertThat(sslEngine instanceof ReferenceCountedOpenSslEngine).as("engine %s", engine)
                            .isEqualTo(engine == TlsEngine.BORINGSSL);
                    // Netty's OpenSSL engine lists "SSLv2Hello", the name of a ClientHello format, not of a protocol
                    assertThat(sslEngine.getEnabledProtocols()).as("engine %s", engine)
                            .filteredOn(protocol -> !protocol.equals("SSLv2Hello"))
                            .containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
                } finally {
                    ReferenceCountUtil.release(sslEngine);
                    ReferenceCountUtil.release(context);
                }
            }
        }
    }
}
