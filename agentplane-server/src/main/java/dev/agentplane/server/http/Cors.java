package dev.agentplane.server.http;

import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.server.config.CorsSettings;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Locale;

/**
 * Cross-origin access for browsers, from configuration only (none by default). Allowed origins get their
 * origin echoed back with the headers a client needs to read; a preflight is answered here, before routing
 * and authentication, since browsers send it without credentials.
 */
public final class Cors {
    private static final String EXPOSED = "ETag, Location, X-Request-Id, Retry-After, RateLimit-Limit, "
            + "RateLimit-Remaining, RateLimit-Reset, Mcp-Session-Id";
    private final CorsSettings settings;

    public Cors(CorsSettings settings) {
        this.settings = settings;
    }

    public void apply(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        boolean preflight = "OPTIONS".equals(ctx.method().name()) && ctx.header("Access-Control-Request-Method") != null;
        if (preflight) {
            answerPreflight(ctx, origin);
            return;
        }
        if (settings.allowsOrigin(origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Expose-Headers", EXPOSED);
            ctx.header("Vary", "Origin");
        }
    }

    private void answerPreflight(Context ctx, String origin) {
        String method = ctx.header("Access-Control-Request-Method").trim().toUpperCase(Locale.ROOT);
        String requested = ctx.header("Access-Control-Request-Headers");
        String refusal = !settings.allowsOrigin(origin) ? "origin " + origin + " is not allowed"
                : !settings.allowedMethods().contains(method) ? "method " + method + " is not allowed"
                : disallowedHeader(requested);
        if (refusal != null) {
            throw new ProblemException(403, "cors-refused", "Cross-origin request refused", refusal
                    + "; an operator can allow it with the cors.* settings (e.g. AGENTPLANE_CORS_ALLOWED_ORIGINS)");
        }
        ctx.header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Methods", String.join(", ", settings.allowedMethods()))
                .header("Access-Control-Allow-Headers", String.join(", ", settings.allowedHeaders()))
                .header("Access-Control-Max-Age", String.valueOf(settings.maxAgeSeconds()))
                .header("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
                .status(204);
        ctx.skipRemainingHandlers();
    }

    private String disallowedHeader(String requested) {
        if (requested == null || requested.isBlank()) {
            return null;
        }
        return Arrays.stream(requested.split(","))
                .map(String::trim)
                .filter(header -> !header.isEmpty())
                .filter(header -> settings.allowedHeaders().stream().noneMatch(header::equalsIgnoreCase))
                .findFirst()
                .map(header -> "header " + header + " is not allowed")
                .orElse(null);
    }
}
