package dev.agentplane.server.keys;

import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.server.http.Bodies;
import dev.agentplane.server.http.Queries;
import dev.agentplane.server.http.RequestContext;
import dev.agentplane.server.http.Responses;
import dev.agentplane.tenancy.CreatedApiKey;
import dev.agentplane.tenancy.KeyRotation;
import dev.agentplane.tenancy.KeyService;
import dev.agentplane.tenancy.NewApiKey;
import io.javalin.http.Context;

public final class KeyRoutes {
    private final KeyService keys;

    private KeyRoutes(KeyService keys) {
        this.keys = keys;
    }

    public static void register(ApiRouter router, KeyService keys) {
        KeyRoutes routes = new KeyRoutes(keys);
        router.post("/v1/keys", routes::create)
                .get("/v1/keys", routes::list)
                .post("/v1/keys/{key_id}/revoke", routes::revoke)
                .post("/v1/keys/{key_id}/rotate", routes::rotate);
    }

    private void create(Context ctx) {
        CreatedApiKey key = keys.create(RequestContext.actor(ctx), Bodies.required(ctx, NewApiKey.class));
        ctx.status(201).json(key);
    }

    private void list(Context ctx) {
        Responses.page(ctx, keys.list(RequestContext.actor(ctx), Queries.page(ctx)));
    }

    private void revoke(Context ctx) {
        ctx.json(keys.revoke(RequestContext.actor(ctx), Queries.pathId(ctx, "key_id")));
    }

    private void rotate(Context ctx) {
        String id = Queries.pathId(ctx, "key_id");
        CreatedApiKey key = keys.rotate(RequestContext.actor(ctx), id, Bodies.optional(ctx, KeyRotation.class));
        ctx.status(201).json(key);
    }
}
