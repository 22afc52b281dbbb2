package dev.agentplane.common.problems;

import java.util.List;
import java.util.Map;

/** 409: the request is valid but clashes with the resource's current state. */
public class ConflictException extends ProblemException {
    public ConflictException(String detail) {
        super(409, "conflict", "Conflict", detail);
    }

    public ConflictException(String detail, Map<String, Object> extensions) {
        super(409, "conflict", "Conflict", detail, List.of(), extensions);
    }

    /** A state machine refusing a transition; the problem carries the status the resource is really in. */
    public static ConflictException illegalTransition(String resource, String id, String action, String currentStatus) {
        return new ConflictException("cannot " + action + " " + resource + " '" + id + "': its status is '"
                + currentStatus + "'", Map.of("current_status", currentStatus));
    }
}
