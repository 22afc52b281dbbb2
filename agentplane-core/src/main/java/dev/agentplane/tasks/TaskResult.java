package dev.agentplane.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.JsonLimits;
import dev.agentplane.common.problems.FieldErrors;

/** Requests that move a claimed task on: a heartbeat, a completion with its output, or a failure. */
public final class TaskResult {
    private TaskResult() {}

    public record Heartbeat(Integer leaseSeconds) {
        public void validate() {
            FieldErrors errors = new FieldErrors();
            ClaimTask.leaseErrors(errors, "/lease_seconds", leaseSeconds);
            errors.throwIfAny();
        }
    }

    public record Complete(JsonNode output) {
        public void validate() {
            JsonLimits.check("output", output);
        }
    }

    /** {@code retryable} (default true): whether the step may try again with a new task, as its retry policy allows. */
    public record Fail(String error, Boolean retryable) {
        public void validate() {
            new FieldErrors().required("/error", error, "say what went wrong, e.g. \"the repository is archived\"")
                    .maxLength("/error", error, 10_000).throwIfAny();
        }

        public boolean retryableOrDefault() {
            return retryable == null || retryable;
        }
    }
}
