package dev.agentplane.teams.tools.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether the http tool may connect to a URL: http or https only, and a host whose every address is public
 * — unless the team allows private destinations ({@code allow_private}) or names this host or its addresses in
 * {@code allow_hosts}. Checked again for every redirect.
 */
final class DestinationGuard {
    private static final String HOW_TO_ALLOW = "private, loopback and link-local destinations are refused unless the "
            + "team allows them (tools.http.allow_private: true, or the host or its address in tools.http.allow_hosts)";
    private final HttpSettings settings;
    private final HostResolver resolver;
    private final List<String> allowedNames;
    private final List<Cidr> allowedBlocks;

    DestinationGuard(HttpSettings settings, HostResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
        this.allowedBlocks = settings.allowHosts().stream().flatMap(entry -> Cidr.parse(entry).stream()).toList();
        this.allowedNames = settings.allowHosts().stream().filter(entry -> Cidr.parse(entry).isEmpty())
                .map(DestinationGuard::normalized).toList();
    }

    /** Why the URL may not be fetched, or empty when it may. */
    Optional<String> refusal(URI url) throws UnknownHostException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("'" + url + "' is refused: only http and https URLs are allowed");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            return Optional.of("'" + url + "' is refused: it names no host");
        }
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        if (settings.allowPrivate() || allowedByName(host)) {
            return Optional.empty();
        }
        for (InetAddress address : resolver.resolve(host)) {
            Optional<String> kind = AddressPolicy.refusedKind(address);
            if (kind.isPresent() && allowedBlocks.stream().noneMatch(block -> block.contains(address))) {
                return Optional.of("'" + url + "' is refused: " + host + " resolves to " + address.getHostAddress()
                        + ", a " + kind.get() + " address; " + HOW_TO_ALLOW);
            }
        }
        return Optional.empty();
    }

    private boolean allowedByName(String host) {
        String name = normalized(host);
        return allowedNames.stream().anyMatch(allowed -> allowed.startsWith("*.")
                ? name.endsWith(allowed.substring(1)) : name.equals(allowed));
    }

    private static String normalized(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
