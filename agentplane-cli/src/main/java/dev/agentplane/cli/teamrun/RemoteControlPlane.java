package dev.agentplane.cli.teamrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.client.AgentPlaneClient;
import dev.agentplane.client.ClientJson;
import dev.agentplane.client.model.Escalation;
import dev.agentplane.client.model.InterpretRequest;
import dev.agentplane.client.model.NewEscalation;
import dev.agentplane.teams.tools.controlplane.ControlPlane;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The control plane of a remote server, for the interpret, state and escalate tools and agents' memories. */
final class RemoteControlPlane implements ControlPlane {
    private static final Duration POLL = Duration.ofSeconds(2);
    private final AgentPlaneClient server;

    RemoteControlPlane(AgentPlaneClient server) {
        this.server = server;
    }

    @Override
    public JsonNode interpret(JsonNode data, JsonNode schema, String context) {
        return ClientJson.tree(server.interpret(InterpretRequest.of(data, schema).withContext(context)));
    }

    @Override
    public Optional<JsonNode> getState(String namespace, String key) {
        return server.loadState(namespace, key);
    }

    @Override
    public void setState(String namespace, String key, JsonNode value) {
        server.saveState(namespace, key, value);
    }

    @Override
    public Escalated escalate(String reason, JsonNode context, String priority, Duration timeout) throws InterruptedException {
        Escalation escalation = server.escalate(NewEscalation.of(reason, context).withPriority(priority));
        Instant deadline = Instant.now().plus(timeout);
        while (!ended(escalation) && Instant.now().isBefore(deadline)) {
            Thread.sleep(POLL);
            escalation = server.escalations().get(escalation.id());
        }
        return new Escalated(escalation.id(), escalation.status(), escalation.resolution(), escalation.dismissReason());
    }

    private static boolean ended(Escalation escalation) {
        return escalation.status().equals("resolved") || escalation.status().equals("dismissed");
    }
}
