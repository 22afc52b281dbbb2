package dev.agentplane.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A question for a human. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewEscalation(
        String reason,
        Object context,
        String priority,
        String assignedTo,
        String executionId,
        String agentId) {

    public static NewEscalation of(String reason, Object context) {
        return new NewEscalation(reason, context, null, null, null, null);
    }

    /** {@code low}, {@code medium}, {@code high} or {@code urgent}. */
    public NewEscalation withPriority(String priority) {
        return new NewEscalation(reason, context, priority, assignedTo, executionId, agentId);
    }

    public NewEscalation withAssignee(String assignedTo) {
        return new NewEscalation(reason, context, priority, assignedTo, executionId, agentId);
    }

    public NewEscalation forExecution(String executionId) {
        return new NewEscalation(reason, context, priority, assignedTo, executionId, agentId);
    }

    public NewEscalation fromAgent(String agentId) {
        return new NewEscalation(reason, context, priority, assignedTo, executionId, agentId);
    }
}
