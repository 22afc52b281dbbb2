package dev.agentplane.teams.tools.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.AgentPlane;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.escalations.Escalation;
import dev.agentplane.escalations.NewEscalation;
import dev.agentplane.interpret.InterpretRequest;
import dev.agentplane.state.PutStateRequest;
import dev.agentplane.state.StateCondition;
import dev.agentplane.tenancy.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The control plane of an AgentPlane in this process (the CLI's embedded store, or the server itself). */
public final class LocalControlPlane implements ControlPlane {
    private static final Duration POLL = Duration.ofMillis(500);
    private final AgentPlane plane;
    private final Actor actor;

    public LocalControlPlane(AgentPlane plane, Actor actor) {
        this.plane = plane;
        this.actor = actor;
    }

    @Override
    public JsonNode interpret(JsonNode data, JsonNode schema, String context) {
        return Json.MAPPER.valueToTree(plane.interpret().interpret(actor,
                new InterpretRequest(data, schema, context, null, null, null, null, false)));
    }

    @Override
    public Optional<JsonNode> getState(String namespace, String key) {
        try {
            return Optional.of(plane.state().get(actor, namespace, key).valueNode());
        } catch (NotFoundException absent) {
            return Optional.empty();
        }
    }

    @Override
    public void setState(String namespace, String key, JsonNode value) {
        plane.state().put(actor, namespace, key, new PutStateRequest(value, null), StateCondition.ALWAYS);
    }

    @Override
    public Escalated escalate(String reason, JsonNode context, String priority, Duration timeout) throws InterruptedException {
        Escalation opened = plane.escalations().create(actor, new NewEscalation(reason, context, priority, null, null,
                actor.agentId()));
        Instant deadline = plane.clock().instant().plus(timeout);
        Escalation current = opened;
        while (!ended(current) && plane.clock().instant().isBefore(deadline)) {
            Thread.sleep(POLL);
            current = plane.escalations().get(actor, opened.id());
        }
        return new Escalated(current.id(), current.status(), current.resolution(), current.dismissReason());
    }

    private static boolean ended(Escalation escalation) {
        return escalation.status().equals(Escalation.RESOLVED) || escalation.status().equals(Escalation.DISMISSED);
    }
}
