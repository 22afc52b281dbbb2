package dev.agentplane.handoffs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.JsonLimits;
import dev.agentplane.common.problems.FieldErrors;

/** A request to hand work off: to one agent ({@code toAgentId}) or to a capability, never both. */
public record NewHandoff(String fromAgentId, String toAgentId, String toCapability, JsonNode context, String reason,
                         String executionId) {

    public void validate() {
        FieldErrors errors = new FieldErrors()
                .required("/from_agent_id", fromAgentId, "name the agent handing the work off by its id")
                .id("/from_agent_id", fromAgentId)
                .id("/to_agent_id", toAgentId)
                .maxLength("/to_capability", toCapability, 100)
                .maxLength("/reason", reason, Handoff.MAX_REASON_LENGTH)
                .id("/execution_id", executionId);
        if (toAgentId == null && (toCapability == null || toCapability.isBlank())) {
            errors.add("/to_agent_id", "is required when to_capability is not given",
                    "give to_agent_id (one agent) or to_capability (any agent with that capability)");
        }
        if (toAgentId != null && toCapability != null) {
            errors.add("/to_capability", "cannot be combined with to_agent_id",
                    "give either to_agent_id or to_capability, not both");
        }
        if (toAgentId != null && toAgentId.equals(fromAgentId)) {
            errors.add("/to_agent_id", "is the same agent as from_agent_id", "hand the work off to another agent");
        }
        if (context != null && !context.isNull() && !context.isObject()) {
            errors.add("/context", "is not a JSON object", "send context as an object, e.g. {\"ticket\": \"T-42\"}");
        }
        errors.throwIfAny();
        JsonLimits.check("context", context);
    }
}
