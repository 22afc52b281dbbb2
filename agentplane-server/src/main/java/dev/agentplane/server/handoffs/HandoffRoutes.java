package dev.agentplane.server.handoffs;

import dev.agentplane.handoffs.AcceptHandoff;
import dev.agentplane.handoffs.CompleteHandoff;
import dev.agentplane.handoffs.Handoff;
import dev.agentplane.handoffs.HandoffFilter;
import dev.agentplane.handoffs.HandoffService;
import dev.agentplane.handoffs.NewHandoff;
import dev.agentplane.handoffs.RejectHandoff;
import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.server.http.Bodies;
import dev.agentplane.server.http.Queries;
import dev.agentplane.server.http.RequestContext;
import dev.agentplane.server.http.Responses;
import io.javalin.http.Context;

public final class HandoffRoutes {
    private final HandoffService handoffs;

    private HandoffRoutes(HandoffService handoffs) {
        this.handoffs = handoffs;
    }

    public static void register(ApiRouter router, HandoffService handoffs) {
        HandoffRoutes routes = new HandoffRoutes(handoffs);
        router.post("/v1/handoffs", routes::create)
                .get("/v1/handoffs", routes::list)
                .get("/v1/handoffs/{handoff_id}", routes::get)
                .post("/v1/handoffs/{handoff_id}/accept", routes::accept)
                .post("/v1/handoffs/{handoff_id}/reject", routes::reject)
                .post("/v1/handoffs/{handoff_id}/complete", routes::complete);
    }

    private void create(Context ctx) {
        Handoff handoff = handoffs.create(RequestContext.actor(ctx), Bodies.required(ctx, NewHandoff.class));
        Responses.created(ctx, "/v1/handoffs/" + handoff.id(), handoff);
    }

    private void list(Context ctx) {
        HandoffFilter filter = new HandoffFilter(Queries.id(ctx, "from_agent_id"), Queries.id(ctx, "to_agent_id"),
                Queries.string(ctx, "status"), Queries.string(ctx, "workflow"), Queries.string(ctx, "capability"));
        Responses.page(ctx, handoffs.list(RequestContext.actor(ctx), filter, Queries.page(ctx)));
    }

    private void get(Context ctx) {
        ctx.json(handoffs.get(RequestContext.actor(ctx), Queries.pathId(ctx, "handoff_id")));
    }

    private void accept(Context ctx) {
        String id = Queries.pathId(ctx, "handoff_id");
        ctx.json(handoffs.accept(RequestContext.actor(ctx), id, Bodies.optional(ctx, AcceptHandoff.class)));
    }

    private void reject(Context ctx) {
        String id = Queries.pathId(ctx, "handoff_id");
        ctx.json(handoffs.reject(RequestContext.actor(ctx), id, Bodies.required(ctx, RejectHandoff.class)));
    }

    private void complete(Context ctx) {
        String id = Queries.pathId(ctx, "handoff_id");
        ctx.json(handoffs.complete(RequestContext.actor(ctx), id, Bodies.optional(ctx, CompleteHandoff.class)));
    }
}
