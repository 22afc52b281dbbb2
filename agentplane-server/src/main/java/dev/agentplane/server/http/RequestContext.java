package dev.agentplane.server.http;

import dev.agentplane.tenancy.Actor;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Per-request values kept on the Javalin context: the request id and the authenticated actor. */
public final class RequestContext {
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String REQUEST_ID = "agentplane.request-id";
    private static final String ACTOR = "agentplane.actor";
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private RequestContext() {}

    /** Adopts the caller's X-Request-Id when it is safe to log, else makes one; echoes it on the response. */
    public static void assignRequestId(Context ctx) {
        String offered = ctx.header(REQUEST_ID_HEADER);
        String id = offered != null && SAFE_REQUEST_ID.matcher(offered).matches() ? offered : newRequestId();
        ctx.attribute(REQUEST_ID, id);
        ctx.header(REQUEST_ID_HEADER, id);
    }

    /** Random enough to correlate log lines; not a secret, so no contended SecureRandom on every request. */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    public static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        return id == null ? "-" : id;
    }

    static void setActor(Context ctx, Actor actor) {
        ctx.attribute(ACTOR, actor.withRequestId(requestId(ctx)));
    }

    /** The actor, or null before (or without) authentication, e.g. for the access log. */
    static Actor actorIfAuthenticated(Context ctx) {
        return ctx.attribute(ACTOR);
    }

    public static Actor actor(Context ctx) {
        Actor actor = ctx.attribute(ACTOR);
        if (actor == null) {
            throw new IllegalStateException("route " + ctx.path() + " reached without authentication");
        }
        return actor;
    }
}
