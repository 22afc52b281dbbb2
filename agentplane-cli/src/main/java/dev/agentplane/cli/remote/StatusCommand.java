package dev.agentplane.cli.remote;

import dev.agentplane.client.ClientJson;
import dev.agentplane.client.Operation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "status", description = "Whether the server is up and its database ready (exit 1 if not ready).")
public final class StatusCommand extends RemoteCommand implements Callable<Integer> {

    @Operation("getHealth")
    @Override
    public Integer call() {
        var health = client().health();
        var readiness = readiness();
        if (printer().json()) {
            var both = ClientJson.mapper().createObjectNode();
            both.set("health", health);
            both.set("readiness", ClientJson.tree(readiness));
            printer().print(both);
        } else {
            printer().note("server    " + client().url() + "\nhealth    " + health.path("status").asText("?")
                    + "\nready     " + (readiness == null ? "no" : readiness.status() + " (database " + readiness.database() + ")"));
        }
        return readiness != null && "ready".equals(readiness.status()) ? 0 : 1;
    }

    @Operation("getReadiness")
    private dev.agentplane.client.model.Readiness readiness() {
        try {
            return client().readiness();
        } catch (dev.agentplane.client.AgentPlaneException e) {
            return null;
        }
    }
}
