package dev.agentplane.server.health;

import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.store.Database;

/** Liveness (the process answers) and readiness (the database answers); both public. */
public final class HealthRoutes {
    record Liveness(String status) {}

    record Readiness(String status, String database) {}

    private HealthRoutes() {}

    public static void register(ApiRouter router, Database database) {
        router.get("/health", ctx -> ctx.json(new Liveness("ok")));
        router.get("/health/ready", ctx -> {
            if (!database.isReachable()) {
                throw new ProblemException(503, "not-ready", "Not ready",
                        "the database is not reachable; check that it is running and that the server's database settings are right");
            }
            ctx.json(new Readiness("ready", "ok"));
        });
    }
}
