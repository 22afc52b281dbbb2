package dev.agentplane.teams.tools.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * What a team's agents may ask of the control plane: interpret data, read and write state, ask a human. The CLI
 * runs against the embedded store ({@link LocalControlPlane}) or a remote server.
 */
public interface ControlPlane {
    /** The interpret answer (data, confidence, missing_fields, should_escalate…) as JSON. */
    JsonNode interpret(JsonNode data, JsonNode schema, String context);

    Optional<JsonNode> getState(String namespace, String key);

    void setState(String namespace, String key, JsonNode value);

    /** Opens an escalation and waits up to {@code timeout} for a person to resolve or dismiss it. */
    Escalated escalate(String reason, JsonNode context, String priority, Duration timeout) throws InterruptedException;

    /** How an escalation ended: {@code status} resolved, dismissed, or still open when the wait timed out. */
    record Escalated(String id, String status, JsonNode resolution, String dismissReason) {}
}
