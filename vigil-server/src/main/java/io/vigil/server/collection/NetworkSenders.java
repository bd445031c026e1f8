package io.vigil.server.collection;

import io.vigil.core.tenant.Tenant;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.syslog.SenderResolver;
import io.vigil.ingest.syslog.SourceNetworkTable;
import io.vigil.store.collection.SourceNetworks;
import io.vigil.store.tenant.TenantDirectory;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The declared source networks of tenants that accept telemetry, as an in-memory table swapped whole on
 * every change (declare, delete, tenant status), so the UDP path never touches the database.
 */
final class NetworkSenders implements SenderResolver {

    private final SourceNetworks networks;
    private final TenantDirectory tenants;
    private volatile SourceNetworkTable table = SourceNetworkTable.EMPTY;

    NetworkSenders(SourceNetworks networks, TenantDirectory tenants) {
        this.networks = networks;
        this.tenants = tenants;
    }

    /** Reloads the table from the database. */
    synchronized void reload() {
        Set<TenantId> accepting = tenants.list().stream().filter(t -> t.status().acceptsTelemetry())
                .map(Tenant::id).collect(Collectors.toSet());
        table = new SourceNetworkTable(networks.all().stream().filter(n -> accepting.contains(n.tenant()))
                .map(n -> new SourceNetworkTable.Entry(n.tenant(), n.cidr(), n.codec())).toList());
    }

    @Override
    public Optional<NetworkMatch> resolve(InetAddress peer) {
        return table.resolve(peer);
    }
}
