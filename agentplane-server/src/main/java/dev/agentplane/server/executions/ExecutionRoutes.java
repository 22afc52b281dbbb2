package dev.agentplane.server.executions;

import dev.agentplane.executions.CancelExecution;
import dev.agentplane.executions.CompleteExecution;
import dev.agentplane.executions.ExecutionFilter;
import dev.agentplane.executions.ExecutionService;
import dev.agentplane.executions.FailExecution;
import dev.agentplane.executions.StartExecution;
import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.server.http.Bodies;
import dev.agentplane.server.http.Queries;
import dev.agentplane.server.http.RequestContext;
import dev.agentplane.server.http.Responses;
import io.javalin.http.Context;

public final class ExecutionRoutes {
    private final ExecutionService executions;

    private ExecutionRoutes(ExecutionService executions) {
        this.executions = executions;
    }

    public static void register(ApiRouter router, ExecutionService executions) {
        ExecutionRoutes routes = new ExecutionRoutes(executions);
        router.post("/v1/executions", routes::start)
                .get("/v1/executions", routes::list)
                .get("/v1/executions/{execution_id}", routes::get)
                .post("/v1/executions/{execution_id}/complete", routes::complete)
                .post("/v1/executions/{execution_id}/fail", routes::fail)
                .post("/v1/executions/{execution_id}/cancel", routes::cancel)
                .post("/v1/executions/{execution_id}/pause", ctx -> ctx.json(routes.executions.pause(RequestContext.actor(ctx), id(ctx))))
                .post("/v1/executions/{execution_id}/resume", ctx -> ctx.json(routes.executions.resume(RequestContext.actor(ctx), id(ctx))))
                .post("/v1/executions/{execution_id}/retry", ctx -> ctx.json(routes.executions.retry(RequestContext.actor(ctx), id(ctx))))
                .post("/v1/executions/{execution_id}/replay", routes::replay)
                .get("/v1/workflows/{name}/compare", ctx -> ctx.json(java.util.Map.of("items", routes.executions.compareVersions(
                        RequestContext.actor(ctx), ctx.pathParam("name"), Queries.instant(ctx, "from"), Queries.instant(ctx, "to")))))
                .get("/v1/dead-letters", ctx -> Responses.page(ctx, routes.executions.deadLetters(RequestContext.actor(ctx), Queries.page(ctx))))
                .get("/v1/executions/{execution_id}/steps", routes::steps);
    }

    /** The filters /v1/executions and /v1/observe share. */
    public static ExecutionFilter filter(Context ctx) {
        return new ExecutionFilter(Queries.string(ctx, "workflow"), Queries.id(ctx, "agent_id"),
                Queries.string(ctx, "status"), Queries.instant(ctx, "from"), Queries.instant(ctx, "to"));
    }

    private void start(Context ctx) {
        ExecutionService.Started started = executions.start(RequestContext.actor(ctx),
                Bodies.required(ctx, StartExecution.class), ctx.header("Idempotency-Key"));
        if (started.created()) {
            Responses.created(ctx, "/v1/executions/" + started.execution().id(), started.execution());
        } else {
            ctx.header("Location", "/v1/executions/" + started.execution().id()).json(started.execution());
        }
    }

    private static String id(Context ctx) {
        return Queries.pathId(ctx, "execution_id");
    }

    private void replay(Context ctx) {
        var execution = executions.replay(RequestContext.actor(ctx), id(ctx));
        Responses.created(ctx, "/v1/executions/" + execution.id(), execution);
    }

    private void cancel(Context ctx) {
        String id = Queries.pathId(ctx, "execution_id");
        ctx.json(executions.cancel(RequestContext.actor(ctx), id, Bodies.optional(ctx, CancelExecution.class)));
    }

    private void steps(Context ctx) {
        ctx.json(java.util.Map.of("items", executions.steps(RequestContext.actor(ctx), Queries.pathId(ctx, "execution_id"))));
    }

    private void list(Context ctx) {
        Responses.page(ctx, executions.list(RequestContext.actor(ctx), filter(ctx), Queries.page(ctx)));
    }

    private void get(Context ctx) {
        ctx.json(executions.get(RequestContext.actor(ctx), Queries.pathId(ctx, "execution_id")));
    }

    private void complete(Context ctx) {
        String id = Queries.pathId(ctx, "execution_id");
        ctx.json(executions.complete(RequestContext.actor(ctx), id, Bodies.optional(ctx, CompleteExecution.class)));
    }

    private void fail(Context ctx) {
        String id = Queries.pathId(ctx, "execution_id");
        ctx.json(executions.fail(RequestContext.actor(ctx), id, Bodies.required(ctx, FailExecution.class)));
    }
}
