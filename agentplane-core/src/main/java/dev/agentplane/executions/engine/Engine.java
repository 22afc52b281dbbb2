package dev.agentplane.executions.engine;

import dev.agentplane.common.BackgroundTask;
import dev.agentplane.events.EventRepository;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.ExecutionRepository;
import dev.agentplane.executions.ExecutionStep;
import dev.agentplane.expressions.ExpressionContext;
import dev.agentplane.expressions.Expressions;
import dev.agentplane.state.StateService;
import dev.agentplane.store.Database;
import dev.agentplane.store.Sql;
import dev.agentplane.tools.ToolRegistry;
import dev.agentplane.usage.UsageMeter;
import dev.agentplane.workflows.WorkflowService;
import dev.agentplane.workflows.definition.WorkflowDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs executions: workers claim due step runs with a lease, run them on virtual threads, and record each result
 * with what it makes due next in one transaction. A node that dies leaves leases that expire; any node then claims
 * the runs again, so work resumes elsewhere (steps are at-least-once; each attempt has an idempotency key).
 */
public final class Engine implements AutoCloseable {
    /** Transactions that make work due notify this channel, so workers on every node look at once (PostgreSQL). */
    static final String CHANNEL = "agentplane_engine";
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final Database database;
    private final Clock clock;
    private final ExecutionRepository executions;
    private final WorkflowService workflows;
    private final StepRunRepository runs = new StepRunRepository();
    private final EventRepository events = new EventRepository();
    private final Transitions transitions;
    private final StepRunner runner;
    private final EngineSettings settings;
    private final UsageMeter usage;
    /** An org's secrets by name, for expressions; their values are redacted from everything stored. */
    private final Function<String, Map<String, String>> secretsOf;
    private final String owner = "node-" + UUID.randomUUID();
    /**
     * The claims this node's workers are running, by run id, renewed until they end. A run can be claimed again by
     * this same node after its lease was lost; then only the newer claim's end may stop the renewals.
     */
    private final Map<String, StepRun> inFlight = new ConcurrentHashMap<>();
    private final Semaphore workers;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    /** Set when the node stops: workers finish the run they hold but take no next one. */
    private volatile boolean closing;
    private Thread dispatcher;
    private List<BackgroundTask> leaseTasks = List.of();
    private AutoCloseable listener = () -> {};

    public Engine(Database database, Clock clock, ExecutionRepository executions, WorkflowService workflows,
                  StateService state, ToolRegistry tools, Expressions expressions, StepWakeups wakeups, UsageMeter usage,
                  Function<String, Map<String, String>> secretsOf, EngineSettings settings) {
        this.usage = usage;
        this.secretsOf = secretsOf;
        this.database = database;
        this.clock = clock;
        this.executions = executions;
        this.workflows = workflows;
        this.settings = settings;
        this.workers = new Semaphore(settings.workers());
        this.transitions = new Transitions(runs, executions, workflows, expressions, wakeups, secretsOf, clock);
        this.runner = new StepRunner(tools, expressions, new StateSteps(state), clock);
        wakeups.onSignal(this::wake);
    }

    /** Hands the engine the services its waiting steps open work in (they are built after it). */
    public void connect(Collaborators services) {
        transitions.connect(services);
        runner.connect(new WaitingSteps(services, clock), new InterpretSteps(services.interpret()));
    }

    /** Lets agent steps run teams (the server connects its team runner once the whole AgentPlane exists). */
    public void connectTeams(TeamSteps teams) {
        runner.connectTeams(new AgentSteps(teams, clock, this::holds));
    }

    /** Replaces steps by given results instead of running them (for {@code agentplane test}); see {@link StepOverrides}. */
    public void overrideSteps(StepOverrides overrides) {
        runner.override(overrides);
    }

    /** In the transaction that created {@code execution}: schedules its first step. Call {@link #wake} after commit. */
    public void begin(Sql tx, String orgId, Execution execution, WorkflowDefinition definition) {
        transitions.begin(tx, execution, orgId, definition);
    }

    /** In the transaction that ended an execution from outside (completed, failed or cancelled by a caller). */
    public void endedFromOutside(Sql tx, String orgId, String executionId, String status) {
        transitions.endedFromOutside(tx, orgId, executionId, status);
    }

    /** In the caller's transaction: see {@link Transitions#retryFailedStep}. */
    public void retryFailedStep(Sql tx, String orgId, String executionId) {
        transitions.retryFailedStep(tx, orgId, executionId);
    }

    /** In the caller's transaction: an event about the execution as a whole. */
    public void note(Sql tx, String orgId, String executionId, String type) {
        transitions.note(tx, orgId, executionId, type);
    }

    /** The latest step run that failed the execution, if a step did. */
    public java.util.Optional<ExecutionStep> failedStep(Sql sql, String executionId) {
        return runs.ofExecution(sql, executionId).stream()
                .filter(run -> run.status().equals(StepRun.FAILED) && runs.children(sql, run.id()).stream()
                        .noneMatch(child -> child.status().equals(StepRun.FAILED)))
                .reduce((first, second) -> second).map(StepRun::view);
    }

    /** Fails running or paused executions past their timeout; returns how many. */
    int failOverdue() {
        long now = clock.millis();
        List<Execution.Ref> overdue = database.read(sql -> executions.overdue(sql, now, 100));
        for (Execution.Ref execution : overdue) {
            database.inTransaction(tx -> {
                transitions.failExecution(tx, execution.orgId(), execution.id(), "the execution ran past its timeout");
                return null;
            });
        }
        return overdue.size();
    }

    public List<ExecutionStep> steps(Sql sql, String executionId) {
        return runs.ofExecution(sql, executionId).stream().map(StepRun::view).toList();
    }

    /** Tells the workers that new work may be due. */
    public void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Starts the worker loop and lease upkeep on this node. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        dispatcher = Thread.ofPlatform().daemon().name("agentplane-engine").start(this::dispatch);
        listener = database.listen(CHANNEL, this::wake);
        leaseTasks = List.of(
                BackgroundTask.every(settings.lease().dividedBy(3), "engine-lease-renewal", this::renewLeases),
                BackgroundTask.every(settings.lease().dividedBy(2), "engine-lease-recovery", this::recoverExpiredLeases),
                BackgroundTask.every(Duration.ofSeconds(1), "engine-deadlines", this::failOverdue));
        // step_runs.lease_owner names this id: the line tells which process held a run.
        LOG.info("engine {} started: {} workers, step leases of {} s", owner, settings.workers(), settings.lease().toSeconds());
    }

    /**
     * Claims and runs due step runs on the calling thread until none is due: for tests that drive time themselves
     * and for the {@code agentplane test} command. Returns how many runs it ran.
     */
    public int runUntilIdle() {
        int total = 0;
        while (true) {
            List<StepRun> claimed = claim(settings.batch());
            if (claimed.isEmpty()) {
                return total;
            }
            for (StepRun run : claimed) {
                total += process(run);
            }
        }
    }

    private void dispatch() {
        while (running) {
            try {
                int free = workers.availablePermits();
                List<StepRun> claimed = free == 0 ? List.of() : claim(Math.min(free, settings.batch()));
                for (StepRun run : claimed) {
                    workers.acquireUninterruptibly();
                    Thread.ofVirtual().name("step-", 0).start(() -> {
                        try {
                            process(run);
                        } finally {
                            workers.release();
                            wake();
                        }
                    });
                }
                if (claimed.size() < Math.min(Math.max(free, 1), settings.batch())) {
                    wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("claiming step runs failed; retrying", e);
                sleepQuietly(settings.pollInterval());
            }
        }
    }

    List<StepRun> claim(int limit) {
        long now = clock.millis();
        List<StepRun> claimed = database.inTransaction(tx -> runs.claim(tx, owner, now, now + settings.lease().toMillis(), limit));
        claimed.forEach(run -> inFlight.put(run.id(), run));
        return claimed;
    }

    /**
     * Runs a claimed run and then, on the same worker, the step its recording made due in the same execution: that
     * transaction claimed it, so a sequence of steps costs no claim transaction and no wake-up per step.
     */
    int process(StepRun claimed) {
        int ran = 0;
        for (Next next = new Next(claimed, null); next != null; ran++) {
            next = processOne(next.run(), next.known());
        }
        return ran;
    }

    /**
     * What a worker knows of the execution of the run it goes on with, so it need not read them again: the execution
     * (what a step sees of it never changes) and all its runs, as of the transaction that claimed the run.
     */
    private record Known(Execution execution, List<StepRun> runs) {}

    /** A run this worker claimed, with what it knows of its execution (null: read it). */
    private record Next(StepRun run, Known known) {}

    /** Runs one claimed run; returns the run of the same execution its recording claimed for this worker, if any. */
    private Next processOne(StepRun run, Known known) {
        try {
            Execution execution = known != null ? known.execution()
                    : database.read(sql -> executions.find(sql, run.orgId(), run.executionId()).orElseThrow());
            if (execution.status().equals(Execution.PAUSED)) {
                // Paused after this run was claimed: back to the queue at once, so a resume does not wait for the lease.
                database.inTransaction(tx -> runs.release(tx, run));
                return null;
            }
            if (!execution.status().equals(Execution.RUNNING)) {
                return null; // ended from outside; its runs were cancelled with it
            }
            Outcome outcome;
            boolean last;
            List<StepRun> runsOfExecution;
            try {
                WorkflowDefinition definition = database.read(sql -> workflows.definition(sql, run.orgId(), execution.workflowId()));
                last = run.parentRunId() == null && run.position() + 1 >= definition.steps().size();
                Map<String, String> secrets = secretsOf.apply(run.orgId());
                runsOfExecution = known != null ? known.runs() : database.read(sql -> runs.ofExecution(sql, run.executionId()));
                ExpressionContext variables = Variables.of(execution, runsOfExecution, run.scope(), secrets);
                outcome = runner.run(run, execution, definition.step(run.stepId()), variables);
            } catch (IllegalStateException unrunnable) {
                database.inTransaction(tx -> {
                    transitions.failExecution(tx, run.orgId(), run.executionId(), unrunnable.getMessage());
                    return null;
                });
                return null;
            }
            // After the last top-level step completes, the execution ends: there is no next run to look for.
            boolean ends = last && (outcome instanceof Outcome.Done || outcome instanceof Outcome.Skipped);
            Recorded recorded = record(run, outcome, !closing && !ends);
            if (recorded.applied()) {
                if (outcome instanceof Outcome.Done || outcome instanceof Outcome.Failed) {
                    usage.countStep(run.orgId());
                }
            } else {
                LOG.info("step run {} of execution {} changed while it ran (lease lost or cancelled); its result was dropped",
                        run.id(), run.executionId());
            }
            return recorded.next() == null ? null
                    : new Next(recorded.next(), knownAfter(execution, runsOfExecution, run, recorded.stored(), recorded.next()));
        } catch (RuntimeException e) {
            LOG.warn("recording step run {} failed; its lease will expire and another attempt will run", run.id(), e);
            return null;
        } finally {
            inFlight.remove(run.id(), run);
        }
    }

    /**
     * What the worker knows after recording {@code run} (now {@code stored}) and claiming {@code next} in the same
     * transaction, when nothing but those two runs changed: a top-level step that completed or was skipped, followed by
     * the next top-level step. Top-level steps run one at a time (blocks end before their container's successor starts),
     * so no other run of the execution changes meanwhile. A cancel from outside still drops the next result (its record
     * applies nothing), and a pause still stops the chain at the next claim, which skips paused executions. Otherwise
     * null: the next run reads both again.
     */
    private static Known knownAfter(Execution execution, List<StepRun> before, StepRun run, StepRun stored, StepRun next) {
        if (stored == null || run.parentRunId() != null || next.parentRunId() != null || next.position() != run.position() + 1) {
            return null;
        }
        List<StepRun> after = new ArrayList<>(before.size() + 1);
        before.forEach(earlier -> after.add(earlier.id().equals(run.id()) ? stored : earlier));
        after.add(next);
        return new Known(execution, after);
    }

    /** Whether a run this worker claimed is still its own: not cancelled, not recovered and claimed elsewhere. */
    boolean holds(StepRun run) {
        return database.read(sql -> runs.find(sql, run.id()))
                .map(current -> current.status().equals(StepRun.RUNNING) && current.version() == run.version())
                .orElse(false);
    }

    /** Records a run's outcome with what it makes due next; false when the run is no longer this worker's. */
    boolean record(StepRun run, Outcome outcome) {
        return record(run, outcome, false).applied();
    }

    /**
     * Whether a run's outcome was recorded, the run as stored when it completed or was skipped (else null), and the next
     * run of its execution claimed in the same transaction.
     */
    private record Recorded(boolean applied, StepRun stored, StepRun next) {}

    private Recorded record(StepRun run, Outcome outcome, boolean claimNext) {
        Recorded recorded = database.inTransaction(tx -> {
            // The execution's event lock first: every transaction of an execution then locks in the same order.
            boolean executionRunning = events.lockSequence(tx, run.orgId(), run.executionId())
                    .map(Execution.RUNNING::equals).orElse(false);
            StepRun[] stored = new StepRun[1];
            NextClaim claim = claimNext ? new NextClaim(owner, settings.lease().toMillis(), executionRunning) : null;
            if (!transitions.apply(tx, run, outcome, row -> stored[0] = row, claim)) {
                return new Recorded(false, null, null);
            }
            if (claim != null && claim.taken != null) {
                return new Recorded(true, stored[0], claim.taken);
            }
            long now = clock.millis();
            List<StepRun> next = claimNext
                    ? runs.claimNextOf(tx, run.executionId(), owner, now, now + settings.lease().toMillis()) : List.of();
            return new Recorded(true, stored[0], next.isEmpty() ? null : next.get(0));
        });
        if (recorded.next() != null) {
            inFlight.put(recorded.next().id(), recorded.next());
        }
        return recorded;
    }

    void renewLeases() {
        List<String> ids = List.copyOf(inFlight.keySet());
        if (!ids.isEmpty()) {
            database.inTransaction(tx -> {
                runs.renewLeases(tx, owner, ids, clock.millis() + settings.lease().toMillis());
                return null;
            });
        }
    }

    void recoverExpiredLeases() {
        int recovered = database.inTransaction(tx -> {
            int count = runs.recoverExpiredLeases(tx, clock.millis());
            if (count > 0) {
                tx.notifyOnCommit(CHANNEL);
            }
            return count;
        });
        if (recovered > 0) {
            LOG.info("recovered {} step runs whose worker stopped renewing its lease", recovered);
            wake();
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        closing = true;
        if (!running) {
            runner.close();
            return;
        }
        running = false;
        dispatcher.interrupt();
        leaseTasks.forEach(BackgroundTask::close);
        try {
            listener.close();
        } catch (Exception e) {
            LOG.warn("closing the engine's listener failed", e);
        }
        workers.acquireUninterruptibly(settings.workers()); // let runs in flight record their results
        workers.release(settings.workers());
        runner.close();
    }
}
