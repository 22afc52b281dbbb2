package dev.agentplane.executions.engine;

import dev.agentplane.store.Sql;
import java.time.Clock;

/**
 * How the things a step waits for (an escalation, a handoff, a task, a sub-workflow) tell the engine they ended:
 * in their own transaction they make the waiting run due now, so it commits with their change; after commit they
 * {@link #signal} the local workers, which otherwise notice at their next poll.
 */
public final class StepWakeups {
    private final Clock clock;
    private volatile Runnable listener = () -> {};

    public StepWakeups(Clock clock) {
        this.clock = clock;
    }

    public void wake(Sql tx, String stepRunId) {
        tx.update("UPDATE step_runs SET available_at = ? WHERE id = ? AND status = 'waiting'", clock.millis(), stepRunId);
        tx.notifyOnCommit(Engine.CHANNEL);
    }

    public void signal() {
        listener.run();
    }

    void onSignal(Runnable listener) {
        this.listener = listener;
    }
}
