package dev.agentplane.executions.engine;

/**
 * A worker's offer, in the transaction that records its run, to take the next top-level step that transaction makes due
 * (see {@link Engine}): the run is then inserted already claimed, instead of inserted pending and claimed by a second
 * statement. {@code executionRunning} is what the transaction's lock on the execution read: a paused execution's next
 * run is left pending, as the claim would have left it.
 */
final class NextClaim {
    final String owner;
    final long leaseMillis;
    final boolean executionRunning;
    /** The run taken, once a transition inserted it claimed. */
    StepRun taken;

    NextClaim(String owner, long leaseMillis, boolean executionRunning) {
        this.owner = owner;
        this.leaseMillis = leaseMillis;
        this.executionRunning = executionRunning;
    }
}
