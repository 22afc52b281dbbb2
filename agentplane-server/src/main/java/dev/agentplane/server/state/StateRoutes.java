package dev.agentplane.server.state;

import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.server.http.Bodies;
import dev.agentplane.server.http.Queries;
import dev.agentplane.server.http.RequestContext;
import dev.agentplane.server.http.Responses;
import dev.agentplane.state.PutStateRequest;
import dev.agentplane.state.StateCondition;
import dev.agentplane.state.StateEntry;
import dev.agentplane.state.StateService;
import dev.agentplane.state.StateWrite;
import io.javalin.http.Context;

public final class StateRoutes {
    private final StateService state;

    private StateRoutes(StateService state) {
        this.state = state;
    }

    public static void register(ApiRouter router, StateService state) {
        StateRoutes routes = new StateRoutes(state);
        router.get("/v1/state/{namespace}", routes::list)
                .put("/v1/state/{namespace}/{key}", routes::put)
                .get("/v1/state/{namespace}/{key}", routes::get)
                .delete("/v1/state/{namespace}/{key}", routes::delete);
    }

    private void put(Context ctx) {
        StateCondition condition = StateCondition.fromHeaders(ctx.header("If-Match"), ctx.header("If-None-Match"));
        StateWrite write = state.put(RequestContext.actor(ctx), ctx.pathParam("namespace"), ctx.pathParam("key"),
                Bodies.required(ctx, PutStateRequest.class), condition);
        respond(ctx.status(write.created() ? 201 : 200), write.entry());
    }

    private void get(Context ctx) {
        respond(ctx, state.get(RequestContext.actor(ctx), ctx.pathParam("namespace"), ctx.pathParam("key")));
    }

    private void delete(Context ctx) {
        state.delete(RequestContext.actor(ctx), ctx.pathParam("namespace"), ctx.pathParam("key"),
                StateCondition.fromHeaders(ctx.header("If-Match"), null));
        ctx.status(204);
    }

    private void list(Context ctx) {
        Responses.page(ctx, state.list(RequestContext.actor(ctx), ctx.pathParam("namespace"),
                Queries.string(ctx, "prefix"), Queries.page(ctx)));
    }

    private static void respond(Context ctx, StateEntry entry) {
        ctx.header("ETag", entry.etag()).json(entry);
    }
}
