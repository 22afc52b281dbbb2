package dev.agentplane.server.http;

import dev.agentplane.tenancy.Actor;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One logfmt line per request: method, path, status, duration, request id (and org when authenticated). */
public final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("agentplane.access");

    private AccessLog() {}

    public static void log(Context ctx, Float durationMillis) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Actor actor = RequestContext.actorIfAuthenticated(ctx);
        LOG.info("method={} path={} status={} duration_ms={} request_id={} org_id={}",
                ctx.method(), ctx.path(), ctx.statusCode(), Math.round(durationMillis * 100) / 100.0,
                RequestContext.requestId(ctx), actor == null ? "-" : actor.orgId());
    }
}
