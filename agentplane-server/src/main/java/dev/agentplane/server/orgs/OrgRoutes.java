package dev.agentplane.server.orgs;

import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.server.http.Bodies;
import dev.agentplane.server.http.Queries;
import dev.agentplane.server.http.RequestContext;
import dev.agentplane.server.http.Responses;
import dev.agentplane.tenancy.CreatedOrg;
import dev.agentplane.tenancy.NewOrg;
import dev.agentplane.tenancy.OrgService;
import io.javalin.http.Context;

public final class OrgRoutes {
    private final OrgService orgs;

    private OrgRoutes(OrgService orgs) {
        this.orgs = orgs;
    }

    public static void register(ApiRouter router, OrgService orgs) {
        OrgRoutes routes = new OrgRoutes(orgs);
        router.post("/v1/orgs", routes::create)
                .get("/v1/orgs", routes::list)
                .get("/v1/orgs/{org_id}", routes::get)
                .post("/v1/orgs/{org_id}/disable", routes::disable);
    }

    private void create(Context ctx) {
        CreatedOrg created = orgs.create(RequestContext.actor(ctx), Bodies.required(ctx, NewOrg.class));
        Responses.created(ctx, "/v1/orgs/" + created.org().id(), created);
    }

    private void list(Context ctx) {
        Responses.page(ctx, orgs.list(RequestContext.actor(ctx), Queries.page(ctx)));
    }

    private void get(Context ctx) {
        ctx.json(orgs.get(RequestContext.actor(ctx), Queries.pathId(ctx, "org_id")));
    }

    private void disable(Context ctx) {
        ctx.json(orgs.disable(RequestContext.actor(ctx), Queries.pathId(ctx, "org_id")));
    }
}
