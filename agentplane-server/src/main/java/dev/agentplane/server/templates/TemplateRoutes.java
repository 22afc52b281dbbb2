package dev.agentplane.server.templates;

import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.server.http.Bodies;
import dev.agentplane.server.http.Queries;
import dev.agentplane.server.http.RequestContext;
import dev.agentplane.server.http.Responses;
import dev.agentplane.workflows.InstantiateTemplate;
import dev.agentplane.workflows.Workflow;
import dev.agentplane.workflows.WorkflowService;
import dev.agentplane.workflows.WorkflowTemplates;
import io.javalin.http.Context;

/** Ready-made workflows (docs/workflows.md, "Templates"): browse them, and copy one into the org's workflows. */
public final class TemplateRoutes {
    private final WorkflowTemplates templates;

    private TemplateRoutes(WorkflowTemplates templates) {
        this.templates = templates;
    }

    public static void register(ApiRouter router, WorkflowService workflows) {
        TemplateRoutes routes = new TemplateRoutes(new WorkflowTemplates(workflows, TemplateFiles.load()));
        router.get("/v1/templates", routes::list)
                .get("/v1/templates/{name}", routes::get)
                .post("/v1/templates/{name}/instantiate", routes::instantiate);
    }

    private void list(Context ctx) {
        Responses.page(ctx, templates.list(Queries.page(ctx)));
    }

    private void get(Context ctx) {
        ctx.json(templates.get(ctx.pathParam("name")));
    }

    private void instantiate(Context ctx) {
        Workflow workflow = templates.instantiate(RequestContext.actor(ctx), ctx.pathParam("name"),
                Bodies.optional(ctx, InstantiateTemplate.class));
        Responses.created(ctx, "/v1/workflows/" + workflow.name() + "/versions/" + workflow.version(), workflow);
    }
}
