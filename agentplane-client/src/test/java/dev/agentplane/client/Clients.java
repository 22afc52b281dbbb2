package dev.agentplane.client;

import dev.agentplane.client.model.CreatedApiKey;
import dev.agentplane.client.model.NewAgent;
import dev.agentplane.client.model.NewApiKey;
import dev.agentplane.server.testing.Api;

/** SDK clients for a test server. */
final class Clients {
    private Clients() {}

    /** A client with the server's admin key. */
    static AgentPlaneClient admin(Api api) {
        return as(api, api.key());
    }

    static AgentPlaneClient as(Api api, String key) {
        return AgentPlaneClient.builder().url(api.baseUrl()).apiKey(key).build();
    }

    /** A new agent with these capabilities, and a client with an agent key bound to it. */
    static Worker worker(Api api, String... capabilities) {
        AgentPlaneClient admin = admin(api);
        String agentId = admin.agents().register(NewAgent.named("worker-" + Api.unique()).withCapabilities(capabilities)).id();
        CreatedApiKey key = admin.keys().create(NewApiKey.of("worker-" + Api.unique(), "agent").forAgent(agentId));
        return new Worker(agentId, as(api, key.key()));
    }

    record Worker(String agentId, AgentPlaneClient client) {}
}
