package dev.agentplane.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What a worker can do: {@code waitSeconds} long-polls until a task comes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimTask(
        String agentId,
        List<String> capabilities,
        Integer waitSeconds,
        Integer leaseSeconds) {

    /** A claim by {@code agentId} (null: the key's own agent) of a task needing one of {@code capabilities}. */
    public static ClaimTask of(String agentId, String... capabilities) {
        return new ClaimTask(agentId, capabilities.length == 0 ? null : List.of(capabilities), null, null);
    }

    /** Long-polls up to this long for a task to come (the server caps it). */
    public ClaimTask waitingUpTo(int seconds) {
        return new ClaimTask(agentId, capabilities, seconds, leaseSeconds);
    }

    public ClaimTask withLeaseSeconds(int seconds) {
        return new ClaimTask(agentId, capabilities, waitSeconds, seconds);
    }
}
