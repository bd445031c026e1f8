package io.vigil.server.collection;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.core.journal.Journal;
import io.vigil.ingest.admission.TenantAdmission;
import io.vigil.ingest.syslog.SyslogConfig;
import io.vigil.ingest.syslog.SyslogServer;
import io.vigil.ingest.tls.CertificateAuthority;
import io.vigil.ingest.tls.TlsContexts;
import io.vigil.server.config.IngestTlsSettings;
import io.vigil.server.config.ServerSettings;
import io.vigil.server.config.Settings;
import io.vigil.server.tenant.TenantStatusChanged;
import io.vigil.store.Database;
import io.vigil.store.collection.CollectorCertificates;
import io.vigil.store.collection.SourceNetworks;
import io.vigil.store.failure.JdbcFailureStore;
import io.vigil.store.tenant.TenantDirectory;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * The collection feature: the MSSP CA and ingest TLS ({@link IngestTls}), collector certificates
 * ({@link CollectorCertificateController}, checked at handshake by {@link StoredCollectorVerifier}), declared
 * source networks ({@link SourceNetworkController}, served from memory by {@link NetworkSenders}) and the
 * syslog listeners ({@link SyslogServer}, started and stopped with the other inputs by the ingest lifecycle).
 * Store tables: migration {@code V14__collection.sql}.
 */
@Configuration(proxyBeanMethods = false)
class CollectionWiring {

    @Bean
    IngestTls ingestTls(Environment environment, ServerSettings server, Clock clock) {
        IngestTlsSettings settings = Settings.bind(environment, "vigil.ingest.tls", IngestTlsSettings.class);
        var directory = settings.caDirectory() != null ? settings.caDirectory() : server.dataDir().resolve("ca");
        return new IngestTls(settings, CertificateAuthority.openOrCreate(directory, settings.caName(), clock));
    }

    @Bean
    CollectorCertificates collectorCertificates(Database database, Clock clock) {
        return new CollectorCertificates(database.dataSource(), clock);
    }

    @Bean
    SourceNetworks sourceNetworks(Database database, Clock clock) {
        return new SourceNetworks(database.dataSource(), clock);
    }

    @Bean
    StoredCollectorVerifier collectorVerifier(Environment environment, CollectorCertificates certificates,
                                              TenantDirectory tenants, Clock clock) {
        SyslogConfig syslog = Settings.bind(environment, "vigil.ingest.syslog", SyslogConfig.class);
        IngestTlsSettings settings = Settings.bind(environment, "vigil.ingest.tls", IngestTlsSettings.class);
        return new StoredCollectorVerifier(certificates, tenants, syslog.codec(), settings.revocationCacheTtl(), clock);
    }

    @Bean
    NetworkSenders networkSenders(SourceNetworks networks, TenantDirectory tenants) {
        NetworkSenders senders = new NetworkSenders(networks, tenants);
        senders.reload();
        return senders;
    }

    @Bean(destroyMethod = "close")
    SyslogServer syslogServer(Environment environment, Journal journal, NetworkSenders networks, IngestTls tls,
                              StoredCollectorVerifier verifier, JdbcFailureStore failures, MeterRegistry registry,
                              Clock clock, TenantAdmission admission) {
        SyslogConfig config = Settings.bind(environment, "vigil.ingest.syslog", SyslogConfig.class);
        var context = config.tlsPort() == null ? null
                : TlsContexts.syslogServer(tls.server(), tls.ca().certificate(), verifier, tls.engine());
        return new SyslogServer(config, journal, networks, context, verifier, failures, registry, clock, admission);
    }

    @Bean
    CollectorCertificateService collectorCertificateService(Environment environment, IngestTls tls,
                                                            CollectorCertificates certificates,
                                                            StoredCollectorVerifier verifier, SyslogServer syslog) {
        return new CollectorCertificateService(tls, certificates, verifier, syslog,
                Settings.bind(environment, "vigil.ingest.tls", IngestTlsSettings.class).certificateValidity());
    }

    @Bean
    TenantSenders tenantSenders(NetworkSenders networks, SyslogServer syslog) {
        return new TenantSenders(networks, syslog);
    }

    /** A tenant that stops accepting telemetry loses its networks and its open syslog connections at once. */
    static final class TenantSenders {
        private final NetworkSenders networks;
        private final SyslogServer syslog;

        TenantSenders(NetworkSenders networks, SyslogServer syslog) {
            this.networks = networks;
            this.syslog = syslog;
        }

        @EventListener
        void on(TenantStatusChanged change) {
            networks.reload();
            if (!change.status().acceptsTelemetry()) {
                syslog.disconnectSenders(sender -> sender.tenant().equals(change.tenant()));
            }
        }
    }
}
