package dev.agentplane.client;

import dev.agentplane.client.internal.Json;
import dev.agentplane.client.model.Handoff;
import dev.agentplane.client.model.NewHandoff;
import java.util.HashMap;
import java.util.Map;

/** Work handed between agents: {@code client.handoffs()}. */
public final class Handoffs {
    private final Transport transport;

    Handoffs(Transport transport) {
        this.transport = transport;
    }

    @Operation("createHandoff")
    public Handoff create(NewHandoff handoff) {
        return transport.send(Call.post("/v1/handoffs").json(handoff), Handoff.class);
    }

    public Paged<Handoff> list() {
        return list(Query.NONE);
    }

    /** Filters: {@code from_agent_id}, {@code to_agent_id}, {@code status}, {@code workflow}, {@code capability}; paging. */
    @Operation("listHandoffs")
    public Paged<Handoff> list(Query query) {
        return transport.paged(Call.get("/v1/handoffs").query(query), Handoff.class);
    }

    @Operation("getHandoff")
    public Handoff get(String handoffId) {
        return transport.send(Call.get(Call.path("v1", "handoffs", handoffId)), Handoff.class);
    }

    /** Accepts it as {@code agentId} (null: the key's own agent). */
    @Operation("acceptHandoff")
    public Handoff accept(String handoffId, String agentId) {
        return transport.send(Call.post(Call.path("v1", "handoffs", handoffId, "accept"))
                .json(agentId == null ? Map.of() : Map.of("agent_id", agentId)), Handoff.class);
    }

    @Operation("rejectHandoff")
    public Handoff reject(String handoffId, String reason) {
        return transport.send(Call.post(Call.path("v1", "handoffs", handoffId, "reject")).json(Map.of("reason", reason)),
                Handoff.class);
    }

    /** Completes an accepted handoff with its {@code result} (anything Jackson can write). */
    @Operation("completeHandoff")
    public Handoff complete(String handoffId, Object result) {
        Map<String, Object> body = new HashMap<>();
        body.put("result", Json.MAPPER.valueToTree(result));
        return transport.send(Call.post(Call.path("v1", "handoffs", handoffId, "complete")).json(body), Handoff.class);
    }
}
