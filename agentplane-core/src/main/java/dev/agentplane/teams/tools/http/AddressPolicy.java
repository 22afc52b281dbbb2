package dev.agentplane.teams.tools.http;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which addresses the http tool refuses by default: everything that is not the public internet — loopback,
 * private networks (RFC 1918, fc00::/7), link-local (169.254.0.0/16, where cloud metadata services answer, and
 * fe80::/10), unspecified, multicast, carrier-grade NAT and reserved blocks. IPv6 forms that carry an IPv4
 * address (mapped, compatible, NAT64, 6to4) are judged by that IPv4 address.
 */
final class AddressPolicy {
    private static final Map<Cidr, String> REFUSED = new LinkedHashMap<>();

    static {
        refuse("loopback", "127.0.0.0/8", "::1/128");
        refuse("private (RFC 1918)", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
        refuse("private (unique local, fc00::/7)", "fc00::/7");
        refuse("link-local (where cloud metadata services answer)", "169.254.0.0/16", "fe80::/10");
        refuse("unspecified", "0.0.0.0/8", "::/128");
        refuse("multicast", "224.0.0.0/4", "ff00::/8");
        refuse("carrier-grade NAT (100.64.0.0/10)", "100.64.0.0/10");
        refuse("reserved", "192.0.0.0/24", "198.18.0.0/15", "240.0.0.0/4", "fec0::/10", "100::/64");
    }

    private AddressPolicy() {}

    private static void refuse(String kind, String... blocks) {
        for (String block : blocks) {
            REFUSED.put(Cidr.of(block), kind);
        }
    }

    /** What kind of non-public address this is, or empty for a public one. */
    static Optional<String> refusedKind(InetAddress address) {
        byte[] bytes = embeddedIpv4(address.getAddress());
        for (Map.Entry<Cidr, String> block : REFUSED.entrySet()) {
            if (block.getKey().contains(bytes)) {
                return Optional.of(block.getValue());
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address inside ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d and 2002:aabb:ccdd::; else the address. */
    private static byte[] embeddedIpv4(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        boolean mapped = startsWith(address, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff);
        boolean nat64 = startsWith(address, 0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0);
        boolean compatible = startsWith(address, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                && !startsWith(address, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0); // not :: or ::1
        if (mapped || nat64 || compatible) {
            return Arrays.copyOfRange(address, 12, 16);
        }
        if (startsWith(address, 0x20, 0x02)) {
            return Arrays.copyOfRange(address, 2, 6);
        }
        return address;
    }

    private static boolean startsWith(byte[] address, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((address[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
