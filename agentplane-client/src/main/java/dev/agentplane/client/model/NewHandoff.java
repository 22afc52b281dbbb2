package dev.agentplane.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Work to hand to another agent ({@code toAgentId}) or to whoever has a capability ({@code toCapability}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewHandoff(
        String fromAgentId,
        String toAgentId,
        String toCapability,
        Object context,
        String reason,
        String executionId) {

    public static NewHandoff toAgent(String fromAgentId, String toAgentId, Object context) {
        return new NewHandoff(fromAgentId, toAgentId, null, context, null, null);
    }

    public static NewHandoff toCapability(String fromAgentId, String capability, Object context) {
        return new NewHandoff(fromAgentId, null, capability, context, null, null);
    }

    public NewHandoff withReason(String reason) {
        return new NewHandoff(fromAgentId, toAgentId, toCapability, context, reason, executionId);
    }

    public NewHandoff forExecution(String executionId) {
        return new NewHandoff(fromAgentId, toAgentId, toCapability, context, reason, executionId);
    }
}
