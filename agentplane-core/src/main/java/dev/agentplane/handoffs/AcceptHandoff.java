package dev.agentplane.handoffs;

import dev.agentplane.common.problems.FieldErrors;

/** Who accepts a handoff; when absent, the addressed agent or the agent the caller's key is bound to. */
public record AcceptHandoff(String agentId) {
    public static final AcceptHandoff DEFAULT = new AcceptHandoff(null);

    public void validate() {
        new FieldErrors().id("/agent_id", agentId).throwIfAny();
    }
}
