package io.vigil.server.collection;

import io.netty.handler.ssl.SslContext;
import io.vigil.ingest.tls.CertificateAuthority;
import io.vigil.ingest.tls.ServerCredentials;
import io.vigil.ingest.tls.TlsContexts;
import io.vigil.ingest.tls.TlsEngine;
import io.vigil.server.config.IngestTlsSettings;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of ingest TLS: the MSSP CA and the listeners' server credentials (from the configured
 * keystore, or issued by the CA at start for {@code vigil.ingest.tls.server-names}).
 */
public final class IngestTls {

    /** Server certificates issued at start are renewed by the next start; a year is ample. */
    static final Duration SERVER_VALIDITY = Duration.ofDays(365);

    private static final Logger LOG = LoggerFactory.getLogger(IngestTls.class);

    private final IngestTlsSettings settings;
    private final CertificateAuthority ca;
    private final ServerCredentials server;

    IngestTls(IngestTlsSettings settings, CertificateAuthority ca) {
        this.settings = settings;
        this.ca = ca;
        this.server = settings.keystore() != null
                ? TlsContexts.fromKeystore(settings.keystore(),
                        settings.keystorePassword() == null ? new char[0] : settings.keystorePassword().toCharArray(), null)
                : ca.issueServer(settings.serverNames(), SERVER_VALIDITY);
        LOG.info("ingest TLS engine: {} ({})", settings.engine().provider(), settings.engine());
    }

    public CertificateAuthority ca() {
        return ca;
    }

    ServerCredentials server() {
        return server;
    }

    TlsEngine engine() {
        return settings.engine();
    }

    /** The HTTPS context for HTTP ingest, or null when {@code vigil.ingest.tls.http} is off. */
    public SslContext httpsContext() {
        return settings.http() ? TlsContexts.httpsServer(server, settings.engine()) : null;
    }
}
