package dev.agentplane.server.events;

import dev.agentplane.events.EventService;
import dev.agentplane.events.NewEvent;
import dev.agentplane.events.NewExecutionEvent;
import dev.agentplane.events.ObserveService;
import dev.agentplane.server.executions.ExecutionRoutes;
import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.server.http.Bodies;
import dev.agentplane.server.http.Queries;
import dev.agentplane.server.http.RequestContext;
import dev.agentplane.server.http.Responses;
import io.javalin.http.Context;

public final class EventRoutes {
    private final EventService events;
    private final ObserveService observe;

    private EventRoutes(EventService events, ObserveService observe) {
        this.events = events;
        this.observe = observe;
    }

    public static void register(ApiRouter router, EventService events, ObserveService observe) {
        EventRoutes routes = new EventRoutes(events, observe);
        router.post("/v1/events", routes::create)
                .post("/v1/executions/{execution_id}/events", routes::createForExecution)
                .get("/v1/executions/{execution_id}/events", routes::listForExecution)
                .get("/v1/observe", routes::observe);
    }

    private void create(Context ctx) {
        ctx.status(201).json(events.record(RequestContext.actor(ctx), Bodies.required(ctx, NewEvent.class)));
    }

    private void createForExecution(Context ctx) {
        String executionId = Queries.pathId(ctx, "execution_id");
        ctx.status(201).json(events.record(RequestContext.actor(ctx), executionId,
                Bodies.required(ctx, NewExecutionEvent.class)));
    }

    private void listForExecution(Context ctx) {
        String executionId = Queries.pathId(ctx, "execution_id");
        Responses.page(ctx, events.list(RequestContext.actor(ctx), executionId, Queries.page(ctx)));
    }

    private void observe(Context ctx) {
        ctx.json(observe.observe(RequestContext.actor(ctx), ExecutionRoutes.filter(ctx), Queries.page(ctx)));
    }
}
