package dev.agentplane.teams.run;

/** The journal could not store an event (its database or server is gone): the run stops as it is, to be resumed. */
final class JournalFailure extends RuntimeException {
    JournalFailure(RuntimeException cause) {
        super(cause.getMessage(), cause);
    }
}
