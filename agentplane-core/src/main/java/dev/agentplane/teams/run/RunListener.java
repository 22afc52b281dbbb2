package dev.agentplane.teams.run;

/** Follows a run as it happens (the CLI's live progress); replayed events are not reported again. */
public interface RunListener {
    RunListener NONE = event -> {};

    void on(RunEvent event);
}
