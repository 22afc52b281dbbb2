package dev.agentplane.cli.teamrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.teams.tools.controlplane.ControlPlane;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The control plane of a remote server, for the interpret, state and escalate tools and agents' memories. */
final class RemoteControlPlane implements ControlPlane {
    private static final Duration POLL = Duration.ofSeconds(2);
    private final ServerClient server;

    RemoteControlPlane(ServerClient server) {
        this.server = server;
    }

    @Override
    public JsonNode interpret(JsonNode data, JsonNode schema, String context) {
        return server.post("/v1/interpret", Json.object().<com.fasterxml.jackson.databind.node.ObjectNode>set("data", data)
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("schema", schema).put("context", context));
    }

    @Override
    public Optional<JsonNode> getState(String namespace, String key) {
        JsonNode entry = server.get("/v1/state/" + ServerClient.encode(namespace) + "/" + ServerClient.encode(key));
        return entry == null ? Optional.empty() : Optional.of(entry.path("value"));
    }

    @Override
    public void setState(String namespace, String key, JsonNode value) {
        server.put("/v1/state/" + ServerClient.encode(namespace) + "/" + ServerClient.encode(key), Json.object().set("value", value));
    }

    @Override
    public Escalated escalate(String reason, JsonNode context, String priority, Duration timeout) throws InterruptedException {
        JsonNode body = Json.object().put("reason", reason).put("priority", priority).set("context", context);
        JsonNode escalation = server.post("/v1/escalations", body);
        String id = escalation.path("id").asText();
        Instant deadline = Instant.now().plus(timeout);
        while (!ended(escalation) && Instant.now().isBefore(deadline)) {
            Thread.sleep(POLL);
            escalation = server.get("/v1/escalations/" + id);
        }
        return new Escalated(id, escalation.path("status").asText(), escalation.get("resolution"),
                escalation.path("dismiss_reason").asText(null));
    }

    private static boolean ended(JsonNode escalation) {
        String status = escalation.path("status").asText();
        return status.equals("resolved") || status.equals("dismissed");
    }
}
