package dev.agentplane.teams.run;

/** The run is no longer wanted here (its step was cancelled or taken over): it stops as it is, recording nothing more. */
public final class RunStopped extends RuntimeException {
    RunStopped() {
        super("the run stopped: its step was cancelled or passed to another worker");
    }
}
