package dev.agentplane.executions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.JsonLimits;
import dev.agentplane.common.problems.FieldErrors;

/**
 * How an execution completed. Token counts and cost, when given, are the execution's totals and replace the
 * sums accumulated from its events.
 */
public record CompleteExecution(JsonNode output, Long tokensIn, Long tokensOut, Double costUsd) {

    public static CompleteExecution empty() {
        return new CompleteExecution(null, null, null, null);
    }

    public Usage usage() {
        return new Usage(tokensIn, tokensOut, costUsd);
    }

    public void validate() {
        usage().validate(new FieldErrors()).throwIfAny();
        JsonLimits.check("output", output);
    }
}
