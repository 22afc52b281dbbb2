package dev.agentplane.server.secrets;

import dev.agentplane.secrets.PutSecret;
import dev.agentplane.secrets.SecretService;
import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.server.http.Bodies;
import dev.agentplane.server.http.RequestContext;
import io.javalin.http.Context;
import java.util.Map;

public final class SecretRoutes {
    private final SecretService secrets;

    private SecretRoutes(SecretService secrets) {
        this.secrets = secrets;
    }

    public static void register(ApiRouter router, SecretService secrets) {
        SecretRoutes routes = new SecretRoutes(secrets);
        router.get("/v1/secrets", ctx -> ctx.json(Map.of("items", secrets.list(RequestContext.actor(ctx)))))
                .put("/v1/secrets/{name}", routes::put)
                .delete("/v1/secrets/{name}", ctx -> {
                    secrets.delete(RequestContext.actor(ctx), ctx.pathParam("name"));
                    ctx.status(204);
                });
    }

    /** 201 for a new secret, 200 for a replaced one; the value is never returned. */
    private void put(Context ctx) {
        String name = ctx.pathParam("name");
        boolean created = secrets.put(RequestContext.actor(ctx), name, Bodies.required(ctx, PutSecret.class));
        ctx.status(created ? 201 : 200).json(secrets.get(RequestContext.actor(ctx), name));
    }
}
