package dev.agentplane.server.executions;

import dev.agentplane.common.Json;
import dev.agentplane.server.testing.Api;

/** Workflows and executions made over the API for tests that need one to exist. */
public final class ExecutionFixtures {
    private ExecutionFixtures() {}

    /** Creates a one-step workflow with a unique name and returns the name. */
    public static String workflow(Api api) {
        String name = "flow-" + Api.unique();
        api.send("POST", "/v1/workflows", "name: " + name + "\nsteps:\n  - {id: a, type: sleep, duration: 1h}\n", "application/yaml")
                .expect(201);
        return name;
    }

    /** Starts an execution of the latest active version of {@code workflow} and returns its id. */
    public static String start(Api api, String workflow) {
        return api.post("/v1/executions", Json.object().put("workflow", workflow)).expect(201).id();
    }
}
