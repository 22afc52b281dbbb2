package dev.agentplane.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Something that happened in an execution: the engine's steps, or what an agent reported (progress, a tool call, a
 * custom metric). {@code seq} numbers the events of one execution 1, 2, 3... in commit order, without gaps; it is
 * null only until the event is stored.
 */
public record Event(String id, String executionId, Long seq, String agentId, String type, String message, JsonNode data,
                    Long tokensIn, Long tokensOut, Double costUsd, Instant createdAt) {

    /** An event not yet stored: {@link EventRepository#insert} gives it its seq. */
    public Event(String id, String executionId, String agentId, String type, String message, JsonNode data,
                 Long tokensIn, Long tokensOut, Double costUsd, Instant createdAt) {
        this(id, executionId, null, agentId, type, message, data, tokensIn, tokensOut, costUsd, createdAt);
    }

    Event withSeq(long assigned) {
        return new Event(id, executionId, assigned, agentId, type, message, data, tokensIn, tokensOut, costUsd, createdAt);
    }

    /** Whether this event ends its execution: the last event the engine writes for it, unless it is retried. */
    public boolean endsExecution() {
        return type.equals("execution.completed") || type.equals("execution.failed") || type.equals("execution.cancelled");
    }

    /** Whether this event is about the execution as a whole (started, paused, running again, retried, ended). */
    public boolean aboutExecution() {
        return agentId == null && type.startsWith("execution.");
    }
}
