package dev.agentplane.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.FieldError;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.common.problems.TooManyRequestsException;
import dev.agentplane.store.StoreContentionException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become RFC 9457 problem+json responses. */
public final class Problems {
    public static final String CONTENT_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private static final String WRITTEN = "agentplane.problem-written";

    private Problems() {}

    public static void register(Javalin app) {
        app.exception(ProblemException.class, (e, ctx) -> write(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(e)));
        app.exception(StoreContentionException.class, (e, ctx) -> {
            LOG.warn("request {} {} lost to concurrent transactions (request_id={})", ctx.method(), ctx.path(),
                    RequestContext.requestId(ctx), e);
            ctx.header("Retry-After", "1");
            write(ctx, contention());
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("request {} {} failed (request_id={})", ctx.method(), ctx.path(), RequestContext.requestId(ctx), e);
            write(ctx, new ProblemException(500, "internal-error", "Internal server error",
                    "the server failed to handle this request; nothing was changed. Retry later, and report request_id "
                            + RequestContext.requestId(ctx) + " if it persists"));
        });
        app.error(404, ctx -> writeUnlessWritten(ctx, new ProblemException(404, "not-found", "Not found",
                "no route " + ctx.method() + " " + ctx.path() + "; see the API reference at /docs")));
        app.error(405, ctx -> writeUnlessWritten(ctx, new ProblemException(405, "method-not-allowed",
                "Method not allowed", ctx.method() + " is not allowed on " + ctx.path() + "; see the API reference at /docs")));
    }

    /** A transaction that lost to concurrent ones every time it ran (StoreContentionException): a 503 to try again. */
    public static ProblemException contention() {
        return new ProblemException(503, "contention", "Service unavailable", "the request collided with concurrent "
                + "changes to the same records several times and was not applied; nothing was changed. Send it again");
    }

    public static void write(Context ctx, ProblemException problem) {
        ObjectNode body = Json.object()
                .put("type", "/problems/" + problem.type())
                .put("title", problem.title())
                .put("status", problem.status())
                .put("detail", problem.detail())
                .put("instance", ctx.path())
                .put("request_id", RequestContext.requestId(ctx));
        if (!problem.errors().isEmpty()) {
            ArrayNode errors = body.putArray("errors");
            for (FieldError error : problem.errors()) {
                ObjectNode item = errors.addObject();
                if (error.pointer() != null) {
                    item.put("pointer", error.pointer());
                }
                if (error.parameter() != null) {
                    item.put("parameter", error.parameter());
                }
                item.put("detail", error.detail()).put("fix", error.fix());
            }
        }
        for (Map.Entry<String, Object> extension : problem.extensions().entrySet()) {
            body.set(extension.getKey(), Json.MAPPER.valueToTree(extension.getValue()));
        }
        if (problem instanceof TooManyRequestsException tooMany) {
            ctx.header("Retry-After", String.valueOf(tooMany.retryAfterSeconds()));
        }
        ctx.attribute(WRITTEN, true);
        ctx.status(problem.status()).contentType(CONTENT_TYPE).result(Json.write(body));
    }

    private static void writeUnlessWritten(Context ctx, ProblemException problem) {
        if (ctx.attribute(WRITTEN) == null) {
            write(ctx, problem);
        }
    }

    private static ProblemException fromJavalin(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 413 -> Bodies.tooLarge();
            case 404 -> new ProblemException(404, "not-found", "Not found", e.getMessage() + "; see the API reference at /docs");
            case 405 -> new ProblemException(405, "method-not-allowed", "Method not allowed",
                    e.getMessage() + "; see the API reference at /docs");
            default -> new ProblemException(e.getStatus(), "http-" + e.getStatus(), "HTTP " + e.getStatus(), e.getMessage());
        };
    }
}
