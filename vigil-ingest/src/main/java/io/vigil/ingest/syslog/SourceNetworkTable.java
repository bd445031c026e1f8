package io.vigil.ingest.syslog;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.format.util.AssociativeAddressTrie;
import inet.ipaddr.format.util.DualIPv4v6AssociativeTries;
import io.vigil.core.tenant.TenantId;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Declared source networks in a longest-prefix trie: which tenant a plain sender belongs to. Immutable;
 * the owner swaps a new table in when networks change.
 */
public final class SourceNetworkTable implements SenderResolver {

    /** One declared network. */
    public record Entry(TenantId tenant, String cidr, String codec) {
    }

    private final DualIPv4v6AssociativeTries<NetworkMatch> trie = new DualIPv4v6AssociativeTries<>();
    private final int size;

    public SourceNetworkTable(List<Entry> entries) {
        for (Entry entry : entries) {
            trie.put(parse(entry.cidr()), new NetworkMatch(entry.tenant(), entry.codec()));
        }
        this.size = entries.size();
    }

    public static final SourceNetworkTable EMPTY = new SourceNetworkTable(List.of());

    @Override
    public Optional<NetworkMatch> resolve(InetAddress peer) {
        if (size == 0) {
            return Optional.empty();
        }
        IPAddress address = new IPAddressString(peer.getHostAddress()).getAddress();
        if (address == null) {
            return Optional.empty();
        }
        if (address.isIPv6() && address.toIPv6().isIPv4Mapped()) {
            address = address.toIPv6().getEmbeddedIPv4Address();
        }
        AssociativeAddressTrie.AssociativeTrieNode<? extends IPAddress, NetworkMatch> node = trie.longestPrefixMatchNode(address);
        return node == null ? Optional.empty() : Optional.ofNullable(node.getValue());
    }

    /**
     * A CIDR block ({@code 10.1.0.0/16}, {@code 2001:db8::/32}) or single address, as its network
     * (host bits zeroed).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static IPAddress parse(String cidr) {
        if (cidr == null || cidr.isBlank() || cidr.length() > 64) {
            throw new IllegalArgumentException("a network is an address or CIDR block such as 10.1.0.0/16");
        }
        try {
            IPAddress address = new IPAddressString(cidr.strip()).toAddress();
            if (address.getNetworkPrefixLength() == null) {
                address = address.setPrefixLength(address.getBitCount(), false);
            }
            if (!address.isSinglePrefixBlock() && !address.isMultiple() && address.getNetworkPrefixLength() == null) {
                throw new IllegalArgumentException("'" + cidr + "' is not a CIDR block");
            }
            return address.toPrefixBlock();
        } catch (AddressStringException | inet.ipaddr.IncompatibleAddressException e) {
            throw new IllegalArgumentException("'" + cidr + "' is not an address or CIDR block: " + e.getMessage());
        }
    }

    /** Canonical text of a network ({@code 10.1.0.0/16}). */
    public static String canonical(String cidr) {
        return parse(cidr).toCanonicalString();
    }

    /** Whether two networks share any address. */
    public static boolean overlap(String a, String b) {
        IPAddress first = parse(a);
        IPAddress second = parse(b);
        return first.getIPVersion() == second.getIPVersion() && (first.contains(second) || second.contains(first));
    }
}
