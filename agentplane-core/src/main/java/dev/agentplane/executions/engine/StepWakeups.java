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

    /**
     * Makes a waiting run due now. A run still 'running' (its worker opened the thing and has not recorded it
     * waiting yet) is marked instead, and recording it waiting honours the mark ({@link StepRunRepository#await});
     * the version is left alone, so the worker's recording still applies. Both land on the run's row, so whichever
     * commits second sees the other: the wake-up cannot fall between the two.
     */
    public void wake(Sql tx, String stepRunId) {
        tx.update("""
                UPDATE step_runs SET available_at = CASE WHEN status = 'waiting' THEN ? ELSE available_at END,
                                     woken_while_running = CASE WHEN status = 'running' THEN TRUE ELSE woken_while_running END
                WHERE id = ? AND status IN ('waiting', 'running')""", clock.millis(), stepRunId);
        tx.notifyOnCommit(Engine.CHANNEL);
    }

    public void signal() {
        listener.run();
    }

    void onSignal(Runnable listener) {
        this.listener = listener;
    }
}
