package dev.agentplane.handoffs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Work passed from one agent to another agent, or to whichever agent has a capability. Moves
 * {@code pending → accepted → completed}, or {@code pending → rejected}.
 */
public record Handoff(String id, String fromAgentId, String toAgentId, String toCapability, String status,
                      String reason, JsonNode context, JsonNode result, String rejectionReason, String executionId,
                      String acceptedBy, Instant createdAt, Instant updatedAt, Instant acceptedAt,
                      Instant completedAt) {

    /**
     * Whether an agent key bound to {@code agentId} may see this handoff: one from it, to it or accepted by it, or
     * one offered to a capability that nobody accepted yet. A null {@code agentId} (any other role) sees all.
     */
    public boolean visibleTo(String agentId) {
        return agentId == null || agentId.equals(fromAgentId) || agentId.equals(toAgentId) || agentId.equals(acceptedBy)
                || (toAgentId == null && acceptedBy == null);
    }
    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String COMPLETED = "completed";
    public static final List<String> STATUSES = List.of(PENDING, ACCEPTED, REJECTED, COMPLETED);
    /** The longest reason or rejection reason accepted. */
    public static final int MAX_REASON_LENGTH = 10_000;
}
