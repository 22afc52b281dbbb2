package dev.agentplane.server.escalations;

import dev.agentplane.escalations.ClaimEscalation;
import dev.agentplane.escalations.DismissEscalation;
import dev.agentplane.escalations.Escalation;
import dev.agentplane.escalations.EscalationFilter;
import dev.agentplane.escalations.EscalationService;
import dev.agentplane.escalations.NewEscalation;
import dev.agentplane.escalations.ResolveEscalation;
import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.server.http.Bodies;
import dev.agentplane.server.http.Queries;
import dev.agentplane.server.http.RequestContext;
import dev.agentplane.server.http.Responses;
import io.javalin.http.Context;

public final class EscalationRoutes {
    private final EscalationService escalations;

    private EscalationRoutes(EscalationService escalations) {
        this.escalations = escalations;
    }

    public static void register(ApiRouter router, EscalationService escalations) {
        EscalationRoutes routes = new EscalationRoutes(escalations);
        router.post("/v1/escalations", routes::create)
                .get("/v1/escalations", routes::list)
                .get("/v1/escalations/{escalation_id}", routes::get)
                .post("/v1/escalations/{escalation_id}/claim", routes::claim)
                .post("/v1/escalations/{escalation_id}/resolve", routes::resolve)
                .post("/v1/escalations/{escalation_id}/dismiss", routes::dismiss);
    }

    private void create(Context ctx) {
        Escalation escalation = escalations.create(RequestContext.actor(ctx), Bodies.required(ctx, NewEscalation.class));
        Responses.created(ctx, "/v1/escalations/" + escalation.id(), escalation);
    }

    private void list(Context ctx) {
        EscalationFilter filter = new EscalationFilter(Queries.string(ctx, "status"), Queries.string(ctx, "priority"),
                Queries.string(ctx, "assigned_to"));
        Responses.page(ctx, escalations.list(RequestContext.actor(ctx), filter, Queries.page(ctx)));
    }

    private void get(Context ctx) {
        ctx.json(escalations.get(RequestContext.actor(ctx), Queries.pathId(ctx, "escalation_id")));
    }

    private void claim(Context ctx) {
        String id = Queries.pathId(ctx, "escalation_id");
        ctx.json(escalations.claim(RequestContext.actor(ctx), id, Bodies.optional(ctx, ClaimEscalation.class)));
    }

    private void resolve(Context ctx) {
        String id = Queries.pathId(ctx, "escalation_id");
        ctx.json(escalations.resolve(RequestContext.actor(ctx), id, Bodies.required(ctx, ResolveEscalation.class)));
    }

    private void dismiss(Context ctx) {
        String id = Queries.pathId(ctx, "escalation_id");
        ctx.json(escalations.dismiss(RequestContext.actor(ctx), id, Bodies.optional(ctx, DismissEscalation.class)));
    }
}
