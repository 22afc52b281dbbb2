package dev.agentplane.server.workflows;

import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.server.http.Bodies;
import dev.agentplane.server.http.Queries;
import dev.agentplane.server.http.RequestContext;
import dev.agentplane.server.http.Responses;
import dev.agentplane.workflows.Workflow;
import dev.agentplane.workflows.WorkflowFilter;
import dev.agentplane.workflows.WorkflowFormat;
import dev.agentplane.workflows.SetRollout;
import dev.agentplane.workflows.WorkflowService;
import io.javalin.http.Context;

public final class WorkflowRoutes {
    private final WorkflowService workflows;

    private WorkflowRoutes(WorkflowService workflows) {
        this.workflows = workflows;
    }

    public static void register(ApiRouter router, WorkflowService workflows) {
        WorkflowRoutes routes = new WorkflowRoutes(workflows);
        router.post("/v1/workflows", routes::create)
                .get("/v1/workflows", routes::list)
                .get("/v1/workflows/{name}", routes::get)
                .get("/v1/workflows/{name}/versions", routes::listVersions)
                .get("/v1/workflows/{name}/versions/{version}", routes::getVersion)
                .post("/v1/workflows/{name}/versions/{version}/deactivate", routes::deactivate)
                .put("/v1/workflows/{name}/rollout", ctx -> ctx.json(workflows.setRollout(RequestContext.actor(ctx),
                        ctx.pathParam("name"), Bodies.required(ctx, SetRollout.class))))
                .get("/v1/workflows/{name}/rollout", ctx -> ctx.json(workflows.getRollout(RequestContext.actor(ctx),
                        ctx.pathParam("name"))))
                .delete("/v1/workflows/{name}/rollout", ctx -> {
                    workflows.deleteRollout(RequestContext.actor(ctx), ctx.pathParam("name"));
                    ctx.status(204);
                });
    }

    /** The body is the definition text itself, JSON or YAML as its Content-Type says. */
    private void create(Context ctx) {
        WorkflowFormat format = WorkflowFormat.ofContentType(ctx.header("Content-Type"));
        Workflow workflow = workflows.create(RequestContext.actor(ctx), format, Bodies.text(ctx));
        Responses.created(ctx, "/v1/workflows/" + workflow.name() + "/versions/" + workflow.version(), workflow);
    }

    private void list(Context ctx) {
        WorkflowFilter filter = new WorkflowFilter(Queries.string(ctx, "name_prefix"), Queries.bool(ctx, "active"));
        Responses.page(ctx, workflows.list(RequestContext.actor(ctx), filter, Queries.page(ctx)));
    }

    private void get(Context ctx) {
        ctx.json(workflows.get(RequestContext.actor(ctx), ctx.pathParam("name")));
    }

    private void listVersions(Context ctx) {
        Responses.page(ctx, workflows.listVersions(RequestContext.actor(ctx), ctx.pathParam("name"), Queries.page(ctx)));
    }

    private void getVersion(Context ctx) {
        ctx.json(workflows.getVersion(RequestContext.actor(ctx), ctx.pathParam("name"), version(ctx)));
    }

    private void deactivate(Context ctx) {
        ctx.json(workflows.deactivate(RequestContext.actor(ctx), ctx.pathParam("name"), version(ctx)));
    }

    private static int version(Context ctx) {
        String text = ctx.pathParam("version");
        try {
            int version = Integer.parseInt(text);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidInputException.parameter("version", "'" + text + "' is not a version number",
                "use a whole number from 1, as listed at /v1/workflows/{name}/versions");
    }
}
