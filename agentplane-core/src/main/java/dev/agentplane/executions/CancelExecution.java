package dev.agentplane.executions;

import dev.agentplane.common.problems.FieldErrors;

/** Why an execution is being cancelled (optional). */
public record CancelExecution(String reason) {
    public void validate() {
        new FieldErrors().maxLength("/reason", reason, 2_000).throwIfAny();
    }
}
