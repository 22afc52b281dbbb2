package dev.agentplane.escalations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.JsonLimits;
import dev.agentplane.common.problems.FieldErrors;

public record NewEscalation(String reason, JsonNode context, String priority, String assignedTo, String executionId,
                            String agentId) {
    public NewEscalation {
        priority = priority == null ? Escalation.DEFAULT_PRIORITY : priority;
    }

    public void validate() {
        FieldErrors errors = new FieldErrors()
                .required("/reason", reason, "say what a human needs to decide, e.g. \"refund above the limit\"")
                .maxLength("/reason", reason, Escalation.MAX_REASON_LENGTH)
                .oneOf("/priority", priority, Escalation.PRIORITIES)
                .maxLength("/assigned_to", assignedTo, Escalation.MAX_NAME_LENGTH)
                .id("/execution_id", executionId)
                .id("/agent_id", agentId);
        if (context != null && !context.isNull() && !context.isObject()) {
            errors.add("/context", "is not a JSON object", "send context as an object, e.g. {\"order\": \"A-17\"}");
        }
        errors.throwIfAny();
        JsonLimits.check("context", context);
    }
}
