package dev.agentplane.server.usage;

import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.server.http.Bodies;
import dev.agentplane.server.http.Queries;
import dev.agentplane.server.http.RequestContext;
import dev.agentplane.usage.LimitService;
import dev.agentplane.usage.OrgLimits;
import dev.agentplane.usage.UsageMeter;
import io.javalin.http.Context;

public final class UsageRoutes {
    private final UsageMeter usage;
    private final LimitService limits;

    private UsageRoutes(UsageMeter usage, LimitService limits) {
        this.usage = usage;
        this.limits = limits;
    }

    public static void register(ApiRouter router, UsageMeter usage, LimitService limits) {
        UsageRoutes routes = new UsageRoutes(usage, limits);
        router.get("/v1/usage", routes::report)
                .get("/v1/limits", routes::getLimits)
                .put("/v1/limits", routes::setLimits)
                .get("/v1/orgs/{org_id}/quota", routes::getQuota)
                .put("/v1/orgs/{org_id}/quota", routes::setQuota);
    }

    private void report(Context ctx) {
        ctx.json(usage.report(RequestContext.actor(ctx), Queries.date(ctx, "from"), Queries.date(ctx, "to")));
    }

    private void getLimits(Context ctx) {
        ctx.json(limits.get(RequestContext.actor(ctx)));
    }

    private void setLimits(Context ctx) {
        ctx.json(limits.set(RequestContext.actor(ctx), Bodies.required(ctx, OrgLimits.class)));
    }

    private void getQuota(Context ctx) {
        ctx.json(limits.quota(RequestContext.actor(ctx), Queries.pathId(ctx, "org_id")));
    }

    private void setQuota(Context ctx) {
        ctx.json(limits.setQuota(RequestContext.actor(ctx), Queries.pathId(ctx, "org_id"),
                Bodies.required(ctx, OrgLimits.class)));
    }
}
