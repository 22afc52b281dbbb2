package dev.agentplane.teams.record;

import dev.agentplane.teams.run.RunJournal;
import dev.agentplane.teams.run.RunOutcome;
import java.util.List;

/**
 * Where team runs are recorded: each run is an execution of the workflow {@code team.<team>} whose events are the
 * run's journal, in the embedded store or on a remote server. The workflow's one step waits while the runner works;
 * the runner completes or fails the execution at the end.
 */
public interface RunRecords {
    String WORKFLOW_PREFIX = "team.";
    String EVENT_PREFIX = "team.";

    /** Starts a run: returns its id (the execution's). */
    String start(String team, String task);

    RunJournal journal(String runId);

    void finish(String runId, RunOutcome outcome);

    RunSummary get(String runId);

    /** The most recent runs first, of one team or (null) of all. */
    List<RunSummary> list(String team, int limit);
}
