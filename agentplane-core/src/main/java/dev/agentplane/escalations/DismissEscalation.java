package dev.agentplane.escalations;

import dev.agentplane.common.problems.FieldErrors;

public record DismissEscalation(String reason) {
    public static final DismissEscalation DEFAULT = new DismissEscalation(null);

    public void validate() {
        new FieldErrors().maxLength("/reason", reason, Escalation.MAX_REASON_LENGTH).throwIfAny();
    }
}
