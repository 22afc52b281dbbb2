package dev.agentplane.executions.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** What a replaced step comes to (see {@link StepOverrides}). */
public sealed interface StepOverride {

    /** The step completes with this output. */
    record Output(JsonNode output) implements StepOverride {}

    /** The attempt fails with this error; retried per the step's retry policy when {@code retryable}. */
    record Failure(String code, String message, boolean retryable) implements StepOverride {}
}
