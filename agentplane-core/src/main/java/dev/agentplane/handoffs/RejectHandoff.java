package dev.agentplane.handoffs;

import dev.agentplane.common.problems.FieldErrors;

public record RejectHandoff(String reason) {
    public void validate() {
        new FieldErrors()
                .required("/reason", reason, "say why the handoff is rejected, e.g. \"missing the invoice PDF\"")
                .maxLength("/reason", reason, Handoff.MAX_REASON_LENGTH)
                .throwIfAny();
    }
}
