package dev.agentplane.teams.run;

/** The run cannot finish: {@code getMessage()} is the reason the run reports. */
final class RunFailure extends RuntimeException {
    RunFailure(String reason) {
        super(reason);
    }
}
