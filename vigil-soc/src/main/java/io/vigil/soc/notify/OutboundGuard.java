package io.vigil.soc.notify;

import io.vigil.core.error.PermanentException;
import io.vigil.core.error.TemporaryException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SSRF policy for outbound calls: a target must be http(s), and every address its host resolves to must be public.
 * Loopback, unspecified, link-local (cloud metadata at 169.254.169.254), private (10/8, 172.16/12, 192.168/16,
 * fc00::/7), shared (100.64/10), benchmarking, reserved and multicast addresses are refused unless the address lies in
 * one of the tenant's allowed ranges (CIDR). Checked after DNS resolution, and again for every redirect target.
 *
 * <p>The HTTP client resolves the host again when it connects; a resolver that answers differently between the check
 * and the connection (DNS rebinding) is not caught here. Deployments that need that closed route webhooks through an
 * egress proxy.
 */
public final class OutboundGuard {

    /** Resolves a host name to all its addresses. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;

    public OutboundGuard(Resolver resolver) {
        this.resolver = resolver;
    }

    public static OutboundGuard system() {
        return new OutboundGuard(InetAddress::getAllByName);
    }

    /**
     * @param allowedRanges CIDR ranges the tenant allowed in spite of being private (e.g. {@code 127.0.0.1/32})
     * @throws PermanentException naming the refused address, or a bad URL
     * @throws TemporaryException when the host does not resolve (DNS may recover)
     */
    public List<InetAddress> check(URI target, List<String> allowedRanges) {
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new PermanentException("outbound target " + target + " is not http or https");
        }
        String host = target.getHost();
        if (host == null || host.isBlank()) {
            throw new PermanentException("outbound target " + target + " has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new TemporaryException("outbound target host " + host + " does not resolve", Duration.ofMinutes(1), e);
        }
        List<InetAddress> checked = new ArrayList<>();
        for (InetAddress address : addresses) {
            if (!isPublic(address) && allowedRanges.stream().noneMatch(r -> inRange(address, r))) {
                throw new PermanentException("outbound target " + host + " resolves to " + address.getHostAddress()
                        + ", a loopback, link-local, private or reserved address, which this tenant does not allow");
            }
            checked.add(address);
        }
        if (checked.isEmpty()) {
            throw new TemporaryException("outbound target host " + host + " has no address", Duration.ofMinutes(1));
        }
        return checked;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int a0 = b[0] & 0xff;
            int a1 = b[1] & 0xff;
            return !(a0 == 0 || a0 == 127 || a0 >= 224 // this network, loopback, multicast and reserved
                    || a0 == 100 && a1 >= 64 && a1 < 128 // shared address space
                    || a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0 // IETF protocol assignments
                    || a0 == 198 && (a1 == 18 || a1 == 19)); // benchmarking
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) { // unique local fc00::/7
                return false;
            }
            boolean mapped = true; // ::ffff:a.b.c.d and the NAT64 prefix 64:ff9b::/96 carry an IPv4 address
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff || nat64) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True when the address lies in the CIDR range ({@code 10.0.0.0/8}, {@code ::1/128}, or a bare address). */
    static boolean inRange(InetAddress address, String cidr) {
        try {
            String[] parts = cidr.trim().split("/", 2);
            byte[] net = InetAddress.getByName(parts[0]).getAddress();
            byte[] addr = address.getAddress();
            if (net.length != addr.length) {
                return false;
            }
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : net.length * 8;
            for (int i = 0; i < net.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((net[i] & mask) != (addr[i] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }

    /**
     * @throws IllegalArgumentException naming a range that is not an IP address literal with an optional prefix length
     */
    public static String validRange(String cidr) {
        String[] parts = cidr == null ? new String[] {""} : cidr.trim().split("/", 2);
        if (!parts[0].matches("[0-9a-fA-F:.]{2,45}")) {
            throw new IllegalArgumentException("allowed range must be an IP address or CIDR, not '" + cidr + "'");
        }
        try {
            int max = InetAddress.getByName(parts[0]).getAddress().length * 8;
            if (parts.length == 2) {
                int bits = Integer.parseInt(parts[1]);
                if (bits < 0 || bits > max) {
                    throw new IllegalArgumentException("prefix length of '" + cidr + "' must be 0-" + max);
                }
            }
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("allowed range must be an IP address or CIDR, not '" + cidr + "'");
        }
        return cidr.trim();
    }
}
