package dev.agentplane.server.http;

import dev.agentplane.common.problems.InvalidInputException;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;

/**
 * What a WebSocket handshake may carry besides the usual headers. Browsers cannot set {@code Authorization} on a
 * WebSocket, so the key may come as the subprotocol {@code bearer.<key>}, offered next to {@code agentplane.v1};
 * the server always answers with {@code agentplane.v1}, so the key is never echoed back. Keys never go in the URL:
 * proxies and access logs keep URLs.
 */
public final class WebSocketHandshake {
    public static final String PROTOCOL = "agentplane.v1";
    private static final String BEARER = "bearer.";

    private WebSocketHandshake() {}

    static boolean isHandshake(Context ctx) {
        return ctx.header("Sec-WebSocket-Key") != null;
    }

    /** The key offered as a {@code bearer.<key>} subprotocol, or null. */
    static String bearerKey(Context ctx) {
        return offered(ctx).stream().filter(p -> p.startsWith(BEARER) && p.length() > BEARER.length())
                .map(p -> p.substring(BEARER.length())).findFirst().orElse(null);
    }

    /** Answers a handshake that offered subprotocols with {@code agentplane.v1}, which it must have offered. */
    static void chooseProtocol(Context ctx) {
        List<String> offered = offered(ctx);
        if (offered.isEmpty()) {
            return;
        }
        if (!offered.contains(PROTOCOL)) {
            throw InvalidInputException.parameter("Sec-WebSocket-Protocol", "does not offer " + PROTOCOL,
                    "offer the subprotocols \"" + PROTOCOL + "\" and, from a browser, \"bearer.<key>\": "
                            + "new WebSocket(url, [\"" + PROTOCOL + "\", \"bearer.\" + key])");
        }
        ctx.header("Sec-WebSocket-Protocol", PROTOCOL);
    }

    private static List<String> offered(Context ctx) {
        String header = ctx.header("Sec-WebSocket-Protocol");
        return header == null ? List.of()
                : Arrays.stream(header.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
    }
}
