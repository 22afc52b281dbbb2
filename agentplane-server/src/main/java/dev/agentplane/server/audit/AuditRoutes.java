package dev.agentplane.server.audit;

import dev.agentplane.audit.AuditFilter;
import dev.agentplane.audit.AuditLog;
import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.server.http.Queries;
import dev.agentplane.server.http.RequestContext;
import dev.agentplane.server.http.Responses;

public final class AuditRoutes {
    private AuditRoutes() {}

    public static void register(ApiRouter router, AuditLog audit) {
        router.get("/v1/audit", ctx -> {
            AuditFilter filter = new AuditFilter(Queries.id(ctx, "actor_key_id"), Queries.id(ctx, "actor_agent_id"),
                    Queries.string(ctx, "action"), Queries.string(ctx, "resource_type"),
                    Queries.string(ctx, "resource_id"), Queries.instant(ctx, "from"), Queries.instant(ctx, "to"));
            Responses.page(ctx, audit.list(RequestContext.actor(ctx), filter, Queries.page(ctx)));
        });
        router.get("/v1/audit/verify", ctx -> ctx.json(audit.verify(RequestContext.actor(ctx))));
    }
}
