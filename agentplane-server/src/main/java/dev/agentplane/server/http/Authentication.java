package dev.agentplane.server.http;

import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.tenancy.KeyService;
import io.javalin.http.Context;
import java.util.Optional;

/** Every /v1 request carries {@code Authorization: Bearer <key>}; an unknown, revoked or expired key gets the same 401. */
public final class Authentication {
    private final KeyService keys;

    public Authentication(KeyService keys) {
        this.keys = keys;
    }

    public void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw unauthorized(ctx, "this endpoint needs an API key: send 'Authorization: Bearer <key>'. The first admin "
                    + "key was printed when the server first started and saved in <data-dir>/admin.key");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw unauthorized(ctx, "the Authorization header must have the form 'Bearer <key>'");
        }
        Optional<Actor> actor = keys.authenticate(header.substring(7).trim());
        if (actor.isEmpty()) {
            throw unauthorized(ctx, "the API key is not valid (unknown, revoked or expired); use an active key");
        }
        RequestContext.setActor(ctx, actor.get());
    }

    private static ProblemException unauthorized(Context ctx, String detail) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"agentplane\"");
        return new ProblemException(401, "unauthorized", "Unauthorized", detail);
    }
}
