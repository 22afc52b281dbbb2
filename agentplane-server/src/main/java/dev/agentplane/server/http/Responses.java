package dev.agentplane.server.http;

import dev.agentplane.common.Page;
import io.javalin.http.Context;
import java.util.List;

/** The response shapes every route shares. */
public final class Responses {
    private Responses() {}

    public static void created(Context ctx, String location, Object body) {
        ctx.status(201).header("Location", location).json(body);
    }

    public static void page(Context ctx, Page<?> page) {
        ctx.json(new ListBody(page.items(), page.nextCursor()));
    }

    record ListBody(List<?> items, String nextCursor) {}
}
