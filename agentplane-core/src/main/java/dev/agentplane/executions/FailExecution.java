package dev.agentplane.executions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.JsonLimits;
import dev.agentplane.common.problems.FieldErrors;

/** How an execution failed: the error, any partial output, and its totals as in {@link CompleteExecution}. */
public record FailExecution(String error, JsonNode output, Long tokensIn, Long tokensOut, Double costUsd) {
    public static final int MAX_ERROR_LENGTH = 10_000;

    public Usage usage() {
        return new Usage(tokensIn, tokensOut, costUsd);
    }

    public void validate() {
        FieldErrors errors = new FieldErrors()
                .required("/error", error, "say what went wrong, e.g. \"the invoice PDF could not be read\"")
                .maxLength("/error", error, MAX_ERROR_LENGTH);
        usage().validate(errors).throwIfAny();
        JsonLimits.check("output", output);
    }
}
