package dev.agentplane.common.problems;

import java.util.Optional;

/** Why a state machine's conditional transition changed nothing. */
public final class Transitions {
    private Transitions() {}

    /**
     * The problem for a transition that matched no row: 404 when the resource is gone ({@code currentStatus}
     * empty), else 409 carrying the status another caller moved it to first.
     */
    public static ProblemException refused(Optional<String> currentStatus, String resource, String id, String action) {
        return currentStatus.<ProblemException>map(status -> ConflictException.illegalTransition(resource, id, action, status))
                .orElseGet(() -> new NotFoundException(resource, id));
    }
}
