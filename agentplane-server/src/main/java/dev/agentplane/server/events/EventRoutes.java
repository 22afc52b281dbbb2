package dev.agentplane.server.events;

import dev.agentplane.events.EventFeed;
import dev.agentplane.events.EventService;
import dev.agentplane.events.NewEvent;
import dev.agentplane.events.NewExecutionEvent;
import dev.agentplane.events.ObserveService;
import dev.agentplane.executions.ExecutionService;
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
    private final ExecutionEventStream stream;

    private EventRoutes(EventService events, ObserveService observe, ExecutionEventStream stream) {
        this.events = events;
        this.observe = observe;
        this.stream = stream;
    }

    public static void register(ApiRouter router, EventService events, ObserveService observe,
                                ExecutionService executions, EventFeed feed) {
        EventRoutes routes = new EventRoutes(events, observe, new ExecutionEventStream(events, executions, feed));
        EventSocket socket = new EventSocket(events, feed);
        router.post("/v1/events", routes::create)
                .post("/v1/executions/{execution_id}/events", routes::createForExecution)
                .get("/v1/executions/{execution_id}/events", routes::listForExecution)
                .get("/v1/observe", routes::observe)
                .webSocket("/v1/stream", socket::beforeUpgrade, socket::configure);
    }

    private void create(Context ctx) {
        ctx.status(201).json(events.record(RequestContext.actor(ctx), Bodies.required(ctx, NewEvent.class)));
    }

    private void createForExecution(Context ctx) {
        String executionId = Queries.pathId(ctx, "execution_id");
        ctx.status(201).json(events.record(RequestContext.actor(ctx), executionId,
                Bodies.required(ctx, NewExecutionEvent.class)));
    }

    /** A page of events, or with {@code Accept: text/event-stream} the stream of them. */
    private void listForExecution(Context ctx) {
        String executionId = Queries.pathId(ctx, "execution_id");
        Long after = ExecutionEventStream.startAfter(ctx);
        if (ExecutionEventStream.accepted(ctx)) {
            stream.stream(ctx, RequestContext.actor(ctx), executionId, after == null ? 0 : after);
        } else {
            Responses.page(ctx, events.list(RequestContext.actor(ctx), executionId, after, Queries.page(ctx)));
        }
    }

    private void observe(Context ctx) {
        ctx.json(observe.observe(RequestContext.actor(ctx), ExecutionRoutes.filter(ctx), Queries.page(ctx)));
    }
}
