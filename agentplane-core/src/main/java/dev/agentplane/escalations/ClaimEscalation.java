package dev.agentplane.escalations;

import dev.agentplane.common.problems.FieldErrors;

/** Who takes an escalation; when absent, the caller (its bound agent, else its key). */
public record ClaimEscalation(String assignedTo) {
    public static final ClaimEscalation DEFAULT = new ClaimEscalation(null);

    public void validate() {
        new FieldErrors()
                .maxLength("/assigned_to", assignedTo, Escalation.MAX_NAME_LENGTH)
                .throwIfAny();
    }
}
