package dev.agentplane.client;

import dev.agentplane.client.model.Agent;
import dev.agentplane.client.model.AgentUpdate;
import dev.agentplane.client.model.NewAgent;

/** The agent registry: {@code client.agents()}. */
public final class Agents {
    private final Transport transport;

    Agents(Transport transport) {
        this.transport = transport;
    }

    @Operation("createAgent")
    public Agent register(NewAgent agent) {
        return transport.send(Call.post("/v1/agents").json(agent), Agent.class);
    }

    /** Every agent of the organization. */
    public Paged<Agent> list() {
        return list(Query.NONE);
    }

    /** Filters: {@code status}, {@code framework}, {@code capability}; and {@code limit}, {@code cursor}. */
    @Operation("listAgents")
    public Paged<Agent> list(Query query) {
        return transport.paged(Call.get("/v1/agents").query(query), Agent.class);
    }

    @Operation("getAgent")
    public Agent get(String agentId) {
        return transport.send(Call.get(Call.path("v1", "agents", agentId)), Agent.class);
    }

    @Operation("updateAgent")
    public Agent update(String agentId, AgentUpdate update) {
        return transport.send(Call.patch(Call.path("v1", "agents", agentId)).json(update), Agent.class);
    }

    /** Marks the agent seen now (and active again). */
    @Operation("heartbeatAgent")
    public Agent heartbeat(String agentId) {
        return transport.send(Call.post(Call.path("v1", "agents", agentId, "heartbeat")), Agent.class);
    }

    @Operation("deactivateAgent")
    public Agent deactivate(String agentId) {
        return transport.send(Call.post(Call.path("v1", "agents", agentId, "deactivate")), Agent.class);
    }
}
