package dev.agentplane.client;

import dev.agentplane.client.internal.Json;
import dev.agentplane.client.model.Escalation;
import dev.agentplane.client.model.NewEscalation;
import java.util.HashMap;
import java.util.Map;

/** Questions for humans: {@code client.escalations()}. */
public final class Escalations {
    private final Transport transport;

    Escalations(Transport transport) {
        this.transport = transport;
    }

    @Operation("createEscalation")
    public Escalation create(NewEscalation escalation) {
        return transport.send(Call.post("/v1/escalations").json(escalation), Escalation.class);
    }

    public Paged<Escalation> list() {
        return list(Query.NONE);
    }

    /** Filters: {@code status}, {@code priority}, {@code assigned_to}; and {@code limit}, {@code cursor}. */
    @Operation("listEscalations")
    public Paged<Escalation> list(Query query) {
        return transport.paged(Call.get("/v1/escalations").query(query), Escalation.class);
    }

    @Operation("getEscalation")
    public Escalation get(String escalationId) {
        return transport.send(Call.get(Call.path("v1", "escalations", escalationId)), Escalation.class);
    }

    /** Takes it on (status {@code in_progress}), assigned to {@code assignedTo} (null: the caller). */
    @Operation("claimEscalation")
    public Escalation claim(String escalationId, String assignedTo) {
        return transport.send(Call.post(Call.path("v1", "escalations", escalationId, "claim"))
                .json(assignedTo == null ? Map.of() : Map.of("assigned_to", assignedTo)), Escalation.class);
    }

    /** Answers it; a workflow waiting on it resumes with {@code resolution}. {@code resolvedBy} may be null. */
    @Operation("resolveEscalation")
    public Escalation resolve(String escalationId, Object resolution, String resolvedBy) {
        Map<String, Object> body = new HashMap<>();
        body.put("resolution", Json.MAPPER.valueToTree(resolution));
        if (resolvedBy != null) {
            body.put("resolved_by", resolvedBy);
        }
        return transport.send(Call.post(Call.path("v1", "escalations", escalationId, "resolve")).json(body), Escalation.class);
    }

    @Operation("dismissEscalation")
    public Escalation dismiss(String escalationId, String reason) {
        return transport.send(Call.post(Call.path("v1", "escalations", escalationId, "dismiss"))
                .json(reason == null ? Map.of() : Map.of("reason", reason)), Escalation.class);
    }
}
