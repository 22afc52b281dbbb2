package dev.agentplane.server.http;

import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.tenancy.AuthenticatedKey;
import dev.agentplane.tenancy.KeyService;
import dev.agentplane.tenancy.UsedSignatures;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Optional;

/**
 * Every /v1 request carries {@code Authorization: Bearer <key>} (a WebSocket handshake may offer the key as the
 * subprotocol {@code bearer.<key>} instead, see {@link WebSocketHandshake}); an unknown, revoked or expired key gets
 * the same 401. A key that signs its requests must also carry a valid, unused signature ({@link SignatureCheck}).
 */
public final class Authentication {
    private final KeyService keys;
    private final SignatureCheck signatures;

    public Authentication(KeyService keys, UsedSignatures usedSignatures, Clock clock) {
        this.keys = keys;
        this.signatures = new SignatureCheck(usedSignatures, clock);
    }

    public void authenticate(Context ctx) {
        try {
            AuthenticatedKey key = recognise(ctx);
            if (key.signed()) {
                signatures.verify(ctx, key.signingSecret());
            }
            RequestContext.setActor(ctx, key.actor());
        } catch (ProblemException e) {
            if (e.status() == 401) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"agentplane\"");
            }
            throw e;
        }
    }

    private AuthenticatedKey recognise(Context ctx) {
        String header = ctx.header("Authorization");
        if ((header == null || header.isBlank()) && WebSocketHandshake.isHandshake(ctx)) {
            String offered = WebSocketHandshake.bearerKey(ctx);
            header = offered == null ? null : "Bearer " + offered;
        }
        if (header == null || header.isBlank()) {
            throw unauthorized("this endpoint needs an API key: send 'Authorization: Bearer <key>'. The first admin "
                    + "key was printed when the server first started and saved in <data-dir>/admin.key");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw unauthorized("the Authorization header must have the form 'Bearer <key>'");
        }
        Optional<AuthenticatedKey> key = keys.identify(header.substring(7).trim());
        if (key.isEmpty()) {
            throw unauthorized("the API key is not valid (unknown, revoked or expired); use an active key");
        }
        return key.get();
    }

    static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", "Unauthorized", detail);
    }
}
