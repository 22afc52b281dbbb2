package dev.agentplane.server.interpret;

import dev.agentplane.interpret.InterpretRequest;
import dev.agentplane.interpret.InterpretService;
import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.server.http.Bodies;
import dev.agentplane.server.http.RequestContext;
import io.javalin.http.Context;

public final class InterpretRoutes {
    private final InterpretService interpreter;

    private InterpretRoutes(InterpretService interpreter) {
        this.interpreter = interpreter;
    }

    public static void register(ApiRouter router, InterpretService interpreter) {
        router.post("/v1/interpret", new InterpretRoutes(interpreter)::interpret);
    }

    private void interpret(Context ctx) {
        ctx.json(interpreter.interpret(RequestContext.actor(ctx), Bodies.required(ctx, InterpretRequest.class)));
    }
}
