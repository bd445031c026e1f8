package io.vigil.server.collection;

import io.vigil.core.access.Permission;
import io.vigil.core.tenant.Tenant;
import io.vigil.ingest.syslog.SourceNetworkTable;
import io.vigil.server.api.Validation;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.DuplicateException;
import io.vigil.store.NotFoundException;
import io.vigil.store.collection.SourceNetwork;
import io.vigil.store.collection.SourceNetworks;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's declared source networks: plain UDP/TCP syslog from an address inside one is the tenant's.
 * A network that overlaps another tenant's is refused (409): otherwise one tenant could claim another's
 * senders by declaring a narrower block.
 */
@RestController
class SourceNetworkController {

    static final String PATH = "/api/v1/tenants/{tenant}/collectors/networks";
    private static final Pattern CODEC = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final SourceNetworks networks;
    private final NetworkSenders senders;
    private final TenantResolver resolver;

    SourceNetworkController(SourceNetworks networks, NetworkSenders senders, TenantResolver resolver) {
        this.networks = networks;
        this.senders = senders;
        this.resolver = resolver;
    }

    /** @param codec optional, {@code vigil.ingest.syslog.codec} when absent */
    record DeclareRequest(String cidr, String codec, String label) {
    }

    record NetworkView(String id, String tenant, String cidr, String codec, String label, Instant createdAt) {
        static NetworkView of(SourceNetwork n) {
            return new NetworkView(n.id().toString(), n.tenant().toString(), n.cidr(), n.codec(), n.label(), n.createdAt());
        }
    }

    @Requires(Permission.SOURCES_READ)
    @GetMapping(PATH)
    List<NetworkView> list(@PathVariable String tenant) {
        Tenant scope = resolver.resolve(tenant);
        return networks.list(scope.id()).stream().map(NetworkView::of).toList();
    }

    @Requires(Permission.COLLECTION_MANAGE)
    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.CREATED)
    NetworkView declare(@PathVariable String tenant, @RequestBody DeclareRequest request) {
        Tenant scope = resolver.resolve(tenant);
        Validation validation = new Validation();
        String cidr = validation.field("cidr", () -> SourceNetworkTable.canonical(request.cidr()));
        validation.require(request.codec() == null || CODEC.matcher(request.codec()).matches(),
                "codec", "a codec name: lower-case letters, digits, '.', '-' and '_'");
        String label = request.label() == null ? "" : request.label().strip();
        validation.require(label.length() <= 100 && label.chars().noneMatch(Character::isISOControl),
                "label", "at most 100 characters without control characters");
        validation.throwIfInvalid("source network");
        synchronized (networks) {
            for (SourceNetwork existing : networks.all()) {
                if (!existing.tenant().equals(scope.id()) && SourceNetworkTable.overlap(existing.cidr(), cidr)) {
                    throw new DuplicateException("the network " + cidr + " overlaps a network of another tenant");
                }
            }
            SourceNetwork declared = networks.declare(scope.id(), cidr, request.codec() == null ? "syslog" : request.codec(),
                    label.isEmpty() ? cidr : label);
            senders.reload();
            return NetworkView.of(declared);
        }
    }

    @Requires(Permission.COLLECTION_MANAGE)
    @DeleteMapping(PATH + "/{id}")
    NetworkView delete(@PathVariable String tenant, @PathVariable UUID id) {
        Tenant scope = resolver.resolve(tenant);
        SourceNetwork network = networks.list(scope.id()).stream().filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("no source network " + id));
        networks.delete(scope.id(), id);
        senders.reload();
        return NetworkView.of(network);
    }
}
