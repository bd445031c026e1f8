package io.vigil.ingest.syslog;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Maps the peer address of a plain (UDP or TCP) sender to its tenant through the declared source
 * networks. Called for every datagram, so implementations answer from memory.
 */
@FunctionalInterface
public interface SenderResolver {

    /** The tenant and codec of the network that contains {@code peer}, or empty for an unknown sender. */
    Optional<NetworkMatch> resolve(InetAddress peer);

    /** The declared network a sender belongs to. */
    record NetworkMatch(io.vigil.core.tenant.TenantId tenant, String codec) {
    }
}
