package dev.agentplane.tasks;

import dev.agentplane.common.problems.FieldErrors;
import java.util.List;

/**
 * A request for work: as {@code agentId} (default: the key's agent), for one of {@code capabilities} (default:
 * all the agent's registered capabilities; a given list must be among them), waiting up to {@code waitSeconds}
 * for a task to appear, and holding it for {@code leaseSeconds} unless renewed.
 */
public record ClaimTask(String agentId, List<String> capabilities, Integer waitSeconds, Integer leaseSeconds) {
    public static final int MAX_WAIT_SECONDS = 30;
    public static final int DEFAULT_LEASE_SECONDS = 300;
    public static final int MAX_LEASE_SECONDS = 3600;

    public void validate() {
        FieldErrors errors = new FieldErrors().id("/agent_id", agentId)
                .atMost("/wait_seconds", waitSeconds, MAX_WAIT_SECONDS, "wait at most " + MAX_WAIT_SECONDS + " s, then ask again")
                .nonNegative("/wait_seconds", waitSeconds);
        leaseErrors(errors, "/lease_seconds", leaseSeconds);
        if (capabilities != null && capabilities.isEmpty()) {
            errors.add("/capabilities", "is empty", "name at least one capability, or leave capabilities out for all of the agent's");
        }
        errors.throwIfAny();
    }

    static void leaseErrors(FieldErrors errors, String pointer, Integer leaseSeconds) {
        if (leaseSeconds != null && (leaseSeconds < 10 || leaseSeconds > MAX_LEASE_SECONDS)) {
            errors.add(pointer, "is " + leaseSeconds + "; it must be between 10 and " + MAX_LEASE_SECONDS,
                    "hold a task 10 s to 1 h at a time, and heartbeat to keep it longer");
        }
    }

    int leaseOrDefault() {
        return leaseSeconds == null ? DEFAULT_LEASE_SECONDS : leaseSeconds;
    }
}
