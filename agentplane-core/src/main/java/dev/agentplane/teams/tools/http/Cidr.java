package dev.agentplane.teams.tools.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 address block such as {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is one address. */
record Cidr(byte[] network, int prefix) {
    /** Only literals reach InetAddress.getByName, which would otherwise look the text up as a host name. */
    private static final Pattern LITERAL = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** Parses {@code 10.0.0.0/8}, {@code 127.0.0.1} or {@code fe80::/10}; empty when the text is not an address. */
    static Optional<Cidr> parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length > 2 || !LITERAL.matcher(parts[0]).matches()) {
            return Optional.empty();
        }
        byte[] address;
        try {
            address = InetAddress.getByName(parts[0]).getAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        int prefix = address.length * 8;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (prefix < 0 || prefix > address.length * 8) {
                return Optional.empty();
            }
        }
        return Optional.of(new Cidr(address, prefix));
    }

    static Cidr of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an address block: " + text));
    }

    boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
