package io.vigil.sigma;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP address literals for {@code cidr}. Text is checked to be a literal before it reaches
 * {@link InetAddress#getByName}, which would otherwise resolve host names: neither rule nor event text may ever
 * trigger DNS.
 */
final class IpLiterals {

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpLiterals() {
    }

    /** The address bytes (4 or 16), or null if the text is not an IP literal. */
    static byte[] parse(String text) {
        boolean literal = IPV4.matcher(text).matches() || (text.indexOf(':') >= 0 && IPV6.matcher(text).matches());
        if (!literal) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static boolean samePrefix(byte[] address, byte[] network, int prefixLength) {
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
