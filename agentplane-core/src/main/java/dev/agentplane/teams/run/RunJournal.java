package dev.agentplane.teams.run;

import java.util.List;

/** Where a run's events are kept as they happen: a run resumes from what its journal holds. */
public interface RunJournal {
    /** Stores the event durably before returning. */
    void append(RunEvent event);

    /** Every event stored so far, in order. */
    List<RunEvent> events();
}
