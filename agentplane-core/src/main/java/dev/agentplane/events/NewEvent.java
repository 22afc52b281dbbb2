package dev.agentplane.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.JsonLimits;
import dev.agentplane.common.problems.FieldErrors;
import dev.agentplane.executions.Usage;
import java.util.regex.Pattern;

/** An event to record for the execution {@code executionId}. */
public record NewEvent(String executionId, String agentId, String type, String message, JsonNode data, Long tokensIn,
                       Long tokensOut, Double costUsd) {
    public static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    public static final int MAX_MESSAGE_LENGTH = 10_000;

    public Usage usage() {
        return new Usage(tokensIn, tokensOut, costUsd);
    }

    public void validate() {
        FieldErrors errors = new FieldErrors()
                .required("/execution_id", executionId, "pass the id of the execution this event belongs to")
                .id("/execution_id", executionId)
                .id("/agent_id", agentId)
                .required("/type", type, "name the kind of event, e.g. \"step.started\" or \"llm.call\"")
                .maxLength("/type", type, 100)
                .matches("/type", type, TYPE, "use lower-case letters, digits, '.', '_' and '-', e.g. \"llm.call\"")
                .maxLength("/message", message, MAX_MESSAGE_LENGTH);
        usage().validate(errors).throwIfAny();
        JsonLimits.check("data", data);
    }
}
