package dev.agentplane.server.config;

import java.util.List;

/**
 * Which browser origins may call the API, and with which methods and headers. Empty origins (the default)
 * means no cross-origin access at all; {@code *} allows any origin.
 */
public record CorsSettings(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
                           int maxAgeSeconds) {
    public static final List<String> DEFAULT_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    public static final List<String> DEFAULT_HEADERS = List.of("Authorization", "Content-Type", "If-Match",
            "If-None-Match", "Idempotency-Key", "X-Request-Id", "AgentPlane-Timestamp", "AgentPlane-Signature",
            // The MCP endpoint's headers (docs/mcp.md), for MCP clients that run in a browser.
            "Mcp-Session-Id", "MCP-Protocol-Version", "Last-Event-ID");

    public CorsSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedMethods = List.copyOf(allowedMethods);
        allowedHeaders = List.copyOf(allowedHeaders);
    }

    public static CorsSettings none() {
        return new CorsSettings(List.of(), DEFAULT_METHODS, DEFAULT_HEADERS, 600);
    }

    public boolean allowsOrigin(String origin) {
        return allowedOrigins.contains("*") || allowedOrigins.contains(origin);
    }
}
