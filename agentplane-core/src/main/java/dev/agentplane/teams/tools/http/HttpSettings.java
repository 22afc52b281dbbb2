package dev.agentplane.teams.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.teams.tools.support.SettingsReader;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code tools.http} section of a team: the longest a request may take ({@code timeout_seconds}, 20), how
 * much of a response the model gets ({@code max_response_bytes}, 256 KiB), and which non-public destinations are
 * allowed after all: all of them ({@code allow_private: true}, default false) or those named in
 * {@code allow_hosts} (host names such as {@code api.internal}, or address blocks such as {@code 10.1.0.0/16}).
 */
public record HttpSettings(Duration timeout, int maxResponseBytes, boolean allowPrivate, List<String> allowHosts) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;
    private static final Pattern HOST_NAME = Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?");

    public HttpSettings {
        allowHosts = List.copyOf(allowHosts);
    }

    public static HttpSettings defaults() {
        return from(null, "tools.http");
    }

    public static HttpSettings from(JsonNode node, String path) {
        SettingsReader settings = SettingsReader.of(node, path,
                Set.of("timeout_seconds", "max_response_bytes", "allow_private", "allow_hosts"));
        int timeout = settings.integer("timeout_seconds", (int) DEFAULT_TIMEOUT.toSeconds(), 1, 600);
        int maxBytes = settings.integer("max_response_bytes", DEFAULT_MAX_RESPONSE_BYTES, 1024, 64 * 1024 * 1024);
        boolean allowPrivate = settings.bool("allow_private", false);
        List<String> hosts = settings.strings("allow_hosts");
        for (int i = 0; i < hosts.size(); i++) {
            String entry = hosts.get(i).strip();
            if (Cidr.parse(entry).isEmpty() && (entry.contains("/") || !HOST_NAME.matcher(entry).matches())) {
                throw new IllegalArgumentException(settings.path("allow_hosts") + "[" + i + "] '" + entry + "' is neither "
                        + "a host name (api.internal, *.corp.example) nor an address block (10.0.0.0/8, 127.0.0.1, fd00::/8)");
            }
        }
        return new HttpSettings(Duration.ofSeconds(timeout), maxBytes, allowPrivate, hosts.stream().map(String::strip).toList());
    }
}
