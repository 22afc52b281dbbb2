package dev.agentplane.executions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Ids;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.events.Event;
import dev.agentplane.events.EventRepository;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.ExecutionRepository;
import dev.agentplane.executions.Usage;
import dev.agentplane.expressions.Expressions;
import dev.agentplane.store.Sql;
import dev.agentplane.workflows.WorkflowService;
import dev.agentplane.workflows.definition.OnError;
import dev.agentplane.workflows.definition.Step;
import dev.agentplane.workflows.definition.StepBody;
import dev.agentplane.workflows.definition.WorkflowDefinition;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Moves an execution forward inside one transaction: a step's result is recorded together with the runs it makes
 * due next (the next step of its block, a container's completion, the execution's end) and the events that tell
 * the world. Every change of a run is conditioned on its version, so work is never recorded twice.
 */
final class Transitions {
    private final StepRunRepository runs;
    private final ExecutionRepository executions;
    private final WorkflowService workflows;
    private final EventRepository events = new EventRepository();
    private final Expressions expressions;
    private final Clock clock;
    private final StepWakeups wakeups;
    private final Function<String, Map<String, String>> secretsOf;
    private Collaborators services;
    /** Each execution's pinned workflow version (it never changes), so transitions need not read the execution for it. */
    private final Map<String, String> workflowOfExecution = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 10_000;
        }
    });

    Transitions(StepRunRepository runs, ExecutionRepository executions, WorkflowService workflows,
                Expressions expressions, StepWakeups wakeups, Function<String, Map<String, String>> secretsOf, Clock clock) {
        this.secretsOf = secretsOf;
        this.wakeups = wakeups;
        this.runs = runs;
        this.executions = executions;
        this.workflows = workflows;
        this.expressions = expressions;
        this.clock = clock;
    }

    void connect(Collaborators services) {
        this.services = services;
    }

    /** The first run of a new execution; the workers of every node hear of it. */
    void begin(Sql tx, Execution execution, String orgId, WorkflowDefinition definition) {
        insertRun(tx, orgId, execution.id(), definition.steps().get(0), "", null, null, 0);
        tx.notifyOnCommit(Engine.CHANNEL);
        event(tx, orgId, execution.id(), "execution.started", Json.object().put("workflow", execution.workflowName())
                .put("version", execution.workflowVersion()));
    }

    /**
     * Records what a claimed run came to; false when the run was taken from this worker meanwhile. A run that completed
     * or was skipped is given to {@code stored} as its row now reads; the next top-level step it makes due is inserted
     * claimed by {@code claim} when one is given (null: inserted pending).
     */
    boolean apply(Sql tx, StepRun run, Outcome outcome, Consumer<StepRun> stored, NextClaim claim) {
        long now = clock.millis();
        return switch (outcome) {
            case Outcome.Done done -> finished(tx, run, StepRun.COMPLETED, done.output(), now, stored)
                    && completed(tx, run, done.output(), done.usage(), claim);
            case Outcome.Skipped skipped -> finished(tx, run, StepRun.SKIPPED, null, now, stored)
                    && advanced(tx, run, null, claim);
            case Outcome.Later later -> runs.reschedule(tx, run, run.attempt(), later.wakeAt(), later.state(), null, null);
            case Outcome.Failed failed -> failed(tx, run, failed);
            case Outcome.Wait wait -> runs.await(tx, run, wait.state(), wait.until(), now);
            case Outcome.Blocks blocks -> runs.await(tx, run, blocks.state(), WaitingSteps.FOREVER, now)
                    && startedBlocks(tx, run, blocks.blocks());
        };
    }

    private boolean finished(Sql tx, StepRun run, String status, JsonNode output, long now, Consumer<StepRun> stored) {
        Optional<StepRun> row = runs.finished(tx, run, status, output, null, null, now);
        row.ifPresent(stored);
        return row.isPresent();
    }

    /** A container's blocks are done: it completes like any step (with its event) and its block goes on. */
    private void containerCompleted(Sql tx, StepRun container, JsonNode output, long now) {
        if (runs.finish(tx, container, StepRun.COMPLETED, output, null, null, now)) {
            completed(tx, container, output, null, null);
        }
    }

    /** The step.completed event carries the tokens and cost of a model call in the step, added to the execution's. */
    private boolean completed(Sql tx, StepRun run, JsonNode output, Usage usage, NextClaim claim) {
        event(tx, run.orgId(), run.executionId(), "step.completed", Json.object().put("step", run.stepId())
                .put("attempt", run.attempt()), usage);
        addUsage(tx, run, usage);
        return advanced(tx, run, output, claim);
    }

    private boolean advanced(Sql tx, StepRun run, JsonNode output, NextClaim claim) {
        advance(tx, run, output, claim);
        return true;
    }

    private boolean startedBlocks(Sql tx, StepRun container, List<Outcome.BlockStart> blocks) {
        for (Outcome.BlockStart block : blocks) {
            startBlock(tx, container, block.block(), block.scope());
        }
        return true;
    }

    /** Starts a block of {@code container}; an empty block (an if without else) is finished at once. */
    void startBlock(Sql tx, StepRun container, String block, String scope) {
        WorkflowDefinition definition = definitionOf(tx, container);
        List<Step> steps = definition.step(container.stepId()).body().blocks().getOrDefault(block, List.of());
        if (steps.isEmpty()) {
            blockFinished(tx, container.orgId(), container.executionId(), container.id(), block, scope, null);
        } else {
            insertRun(tx, container.orgId(), container.executionId(), steps.get(0), scope, container.id(), block, 0);
        }
    }

    /** After a step finished (or was skipped, or failed and continues): its block's next step, or the block's end. */
    private void advance(Sql tx, StepRun run, JsonNode output, NextClaim claim) {
        List<Step> block = blockOf(tx, run);
        if (run.position() + 1 < block.size()) {
            // Top-level steps run one at a time: the claim would take exactly this run.
            if (claim != null && claim.executionRunning && run.parentRunId() == null) {
                long now = clock.millis();
                claim.taken = runs.insertClaimed(tx, newRun(run.orgId(), run.executionId(), block.get(run.position() + 1),
                        run.scope(), run.parentRunId(), run.block(), run.position() + 1, now), claim.owner, now,
                        now + claim.leaseMillis);
                return;
            }
            insertRun(tx, run.orgId(), run.executionId(), block.get(run.position() + 1), run.scope(), run.parentRunId(),
                    run.block(), run.position() + 1);
        } else {
            blockFinished(tx, run.orgId(), run.executionId(), run.parentRunId(), run.block(), run.scope(), output);
        }
    }

    private void blockFinished(Sql tx, String orgId, String executionId, String parentRunId, String block, String scope,
                               JsonNode lastOutput) {
        if (parentRunId == null) {
            completeExecution(tx, orgId, executionId);
            return;
        }
        StepRun parent = runs.findForUpdate(tx, parentRunId).orElseThrow();
        if (!parent.status().equals(StepRun.WAITING)) {
            return; // cancelled meanwhile, or a parallel that another branch already won
        }
        StepBody body = definitionOf(tx, parent).step(parent.stepId()).body();
        long now = clock.millis();
        switch (body) {
            case StepBody.Parallel parallel when parallel.join() == StepBody.Parallel.Join.FIRST -> {
                cancelBelow(tx, parent, now, "another branch of parallel step '" + parent.stepId() + "' finished first");
                JsonNode output = Json.object().put("branch", block.substring("branch:".length())).set("output", lastOutput);
                containerCompleted(tx, parent, output, now);
            }
            case StepBody.Parallel parallel -> {
                ObjectNode state = parent.state() instanceof ObjectNode o ? o.deepCopy() : Json.object();
                state.with("results").set(block.substring("branch:".length()), lastOutput);
                runs.updateState(tx, parent.id(), state);
                finishContainerWhenIdle(tx, parent.id(), state.get("results"), now);
            }
            case StepBody.Foreach foreach -> foreachIterationFinished(tx, parent, foreach, scope, lastOutput, now);
            default -> {
                containerCompleted(tx, parent, lastOutput, now);
            }
        }
    }

    private void foreachIterationFinished(Sql tx, StepRun parent, StepBody.Foreach foreach, String scope, JsonNode lastOutput,
                                          long now) {
        ObjectNode state = ((ObjectNode) parent.state()).deepCopy();
        ArrayNode results = (ArrayNode) state.get("results");
        results.set(iterationIndex(scope), lastOutput == null ? Json.MAPPER.nullNode() : lastOutput);
        int next = state.get("next").asInt();
        if (next < state.get("items").size()) {
            state.put("next", next + 1);
            runs.updateState(tx, parent.id(), state);
            startBlock(tx, runs.find(tx, parent.id()).orElseThrow(), "each", Variables.iterationScope(parent, next));
        } else {
            runs.updateState(tx, parent.id(), state);
            finishContainerWhenIdle(tx, parent.id(), results, now);
        }
    }

    private void finishContainerWhenIdle(Sql tx, String parentId, JsonNode output, long now) {
        if (runs.activeChildren(tx, parentId) == 0) {
            containerCompleted(tx, runs.find(tx, parentId).orElseThrow(), output, now);
        }
    }

    private boolean failed(Sql tx, StepRun run, Outcome.Failed failure) {
        Step step = definitionOf(tx, run).step(run.stepId());
        long now = clock.millis();
        if (failure.retryable() && step.retry().allowsAnotherAttempt(run.attempt(), failure.code())) {
            long due = now + step.retry().backoffBefore(run.attempt() + 1).toMillis();
            // A new attempt starts afresh: what the last one opened (a task, a sleep's wake time) is not its.
            if (!runs.reschedule(tx, run, run.attempt() + 1, due, null, failure.code(), failure.message())) {
                return false;
            }
            // The last attempt's task is left to nobody (the next opens its own); an approval's escalation or a
            // handoff is one per run, and the next attempt waits for it again.
            if (step.body() instanceof StepBody.Task) {
                withdrawWorkOf(tx, run.orgId(), run.executionId(), List.of(run.id()), EnumSet.of(Work.TASK), null);
            }
            addUsage(tx, run, failure.usage());
            event(tx, run.orgId(), run.executionId(), "step.retrying", Json.object().put("step", run.stepId())
                    .put("attempt", run.attempt()).put("error", failure.message()).put("next_attempt_at", Instant.ofEpochMilli(due).toString()));
            return true;
        }
        OnError onError = failure.code().equals(WaitingSteps.REJECTED) && step.body() instanceof StepBody.Approval approval
                ? approval.onReject() : step.onError();
        return failedForGood(tx, run, onError, failure);
    }

    private void addUsage(Sql tx, StepRun run, Usage usage) {
        if (usage != null) {
            executions.addUsage(tx, run.orgId(), run.executionId(), usage);
        }
    }

    /** Records a run's final failure (a step out of attempts, or a container whose block failed) and handles it. */
    private boolean failedForGood(Sql tx, StepRun run, OnError onError, Outcome.Failed failure) {
        JsonNode output = onError.action() == OnError.Action.CONTINUE ? errorOutput(failure) : null;
        if (!runs.finish(tx, run, StepRun.FAILED, output, failure.code(), failure.message(), clock.millis())) {
            return false;
        }
        addUsage(tx, run, failure.usage());
        withdrawWorkOf(tx, run.orgId(), run.executionId(), List.of(run.id()),
                Work.openedBy(definitionOf(tx, run).step(run.stepId()).body()),
                "withdrawn: step '" + run.stepId() + "' failed: " + failure.message());
        event(tx, run.orgId(), run.executionId(), "step.failed", Json.object().put("step", run.stepId())
                .put("attempts", run.attempt()).put("code", failure.code()).put("error", failure.message()));
        handleFailure(tx, run, onError, failure);
        return true;
    }

    /** A run failed for good: continue after it, jump to another step of its block, or fail its block. */
    private void handleFailure(Sql tx, StepRun run, OnError onError, Outcome.Failed failure) {
        switch (onError.action()) {
            case CONTINUE -> advance(tx, run, errorOutput(failure), null);
            case GOTO -> {
                List<Step> block = blockOf(tx, run);
                for (int i = 0; i < block.size(); i++) {
                    if (block.get(i).id().equals(onError.gotoStep())) {
                        insertRun(tx, run.orgId(), run.executionId(), block.get(i), run.scope(), run.parentRunId(), run.block(), i);
                    }
                }
            }
            case FAIL -> blockFailed(tx, run, failure);
        }
    }

    /** What a failed step that the workflow continues after leaves as its output. */
    private static JsonNode errorOutput(Outcome.Failed failure) {
        return Json.object().set("error", Json.object().put("code", failure.code()).put("message", failure.message()));
    }

    private void blockFailed(Sql tx, StepRun run, Outcome.Failed failure) {
        long now = clock.millis();
        if (run.parentRunId() == null) {
            failExecution(tx, run.orgId(), run.executionId(), "step '" + run.stepId() + "' failed: " + failure.message());
            return;
        }
        StepRun parent = runs.findForUpdate(tx, run.parentRunId()).orElseThrow();
        if (!parent.status().equals(StepRun.WAITING)) {
            return;
        }
        cancelBelow(tx, parent, now, "step '" + run.stepId() + "' of its block failed");
        failedForGood(tx, parent, definitionOf(tx, parent).step(parent.stepId()).onError(),
                new Outcome.Failed(failure.code(), "step '" + run.stepId() + "' failed: " + failure.message(), false));
    }

    /**
     * Cancels every active run below {@code parent}, at any depth, inside a running execution, and withdraws what the
     * cancelled runs opened (see {@link #withdrawWorkOf}); {@code why} says why, to those asked to do that work.
     */
    private void cancelBelow(Sql tx, StepRun parent, long now, String why) {
        List<String> cancelled = new ArrayList<>();
        cancelBelow(tx, parent.id(), now, cancelled);
        withdrawWorkOf(tx, parent.orgId(), parent.executionId(), cancelled, opensWork(tx, parent.orgId(), parent.executionId()),
                "withdrawn: " + why);
    }

    private void cancelBelow(Sql tx, String parentId, long now, List<String> cancelled) {
        for (String child : runs.cancelActive(tx, null, parentId, now)) {
            cancelled.add(child);
            cancelBelow(tx, child, now, cancelled);
        }
    }

    /**
     * Step runs {@code runIds} stopped while their execution goes on (a parallel's other branch won, their block
     * failed, or the run failed itself): the work they opened that is still to be done is withdrawn in the same
     * transaction (tasks cancelled, approvals' escalations dismissed, unaccepted handoffs rejected, sub-workflows
     * cancelled). Only the statements for the {@code kinds} of work the runs' steps can open are run. Work a run
     * opens concurrently is refused or withdrawn: see ExecutionService.requireGoingOn.
     */
    private void withdrawWorkOf(Sql tx, String orgId, String executionId, List<String> runIds, Set<Work> kinds,
                                String reason) {
        if (runIds.isEmpty() || services == null) {
            return;
        }
        if (kinds.contains(Work.TASK)) {
            services.tasks().cancelOfStepRuns(tx, runIds);
        }
        if (kinds.contains(Work.APPROVAL)) {
            services.escalations().withdrawOfStepRuns(tx, runIds, reason);
        }
        if (kinds.contains(Work.HANDOFF)) {
            services.handoffs().withdrawOfStepRuns(tx, runIds, reason);
        }
        if (kinds.contains(Work.SUB_WORKFLOW)) {
            endChildren(tx, orgId, executions.activeChildrenOfStepRuns(tx, orgId, runIds), "the step of execution "
                    + executionId + " that started it stopped (" + reason + ")");
        }
    }

    /** What a step can open outside the engine, and leave behind when it stops (a team's run is a child execution). */
    private enum Work {
        TASK, APPROVAL, HANDOFF, SUB_WORKFLOW;

        static Set<Work> openedBy(StepBody body) {
            return switch (body) {
                case StepBody.Task task -> EnumSet.of(TASK);
                case StepBody.Approval approval -> EnumSet.of(APPROVAL);
                case StepBody.Handoff handoff -> EnumSet.of(HANDOFF);
                case StepBody.SubWorkflow sub -> EnumSet.of(SUB_WORKFLOW);
                case StepBody.Agent team -> EnumSet.of(SUB_WORKFLOW);
                default -> EnumSet.noneOf(Work.class);
            };
        }
    }

    /**
     * The kinds of work the steps of the execution's workflow can open (the definition is cached: no statement); all
     * of them when the definition cannot be read any more, so whatever there is gets withdrawn.
     */
    private Set<Work> opensWork(Sql tx, String orgId, String executionId) {
        try {
            Set<Work> kinds = EnumSet.noneOf(Work.class);
            definitionOf(tx, orgId, executionId).stepsById().values().forEach(step -> kinds.addAll(Work.openedBy(step.body())));
            return kinds;
        } catch (RuntimeException unreadable) {
            return EnumSet.allOf(Work.class);
        }
    }

    private void completeExecution(Sql tx, String orgId, String executionId) {
        // The execution's row is read only for declared outputs (they see it); its workflow is known without it.
        WorkflowDefinition definition = definitionOf(tx, orgId, executionId);
        JsonNode output;
        try {
            output = definition.outputs() == null ? lastOutputs(tx, executionId)
                    : expressions.render(definition.outputs(), Variables.of(executions.find(tx, orgId, executionId).orElseThrow(),
                            runs.ofExecution(tx, executionId), "", secretsOf.apply(orgId))).redacted();
        } catch (RuntimeException e) {
            failExecution(tx, orgId, executionId, "the workflow's outputs could not be computed: " + e.getMessage());
            return;
        }
        executions.ended(tx, orgId, executionId, Execution.COMPLETED, output, null, NO_USAGE, Instant.ofEpochMilli(clock.millis()))
                .ifPresent(finished -> {
                    event(tx, orgId, executionId, "execution.completed", Json.object());
                    ended(tx, orgId, executionId, Execution.COMPLETED, finished.parentStepRunId());
                });
    }

    /** Without declared outputs, an execution's output is the output of each step, by step id. */
    private JsonNode lastOutputs(Sql tx, String executionId) {
        ObjectNode outputs = Json.object();
        runs.ofExecution(tx, executionId).stream().filter(run -> run.scope().isEmpty() && run.parentRunId() == null)
                .forEach(run -> outputs.set(run.stepId(), run.output()));
        return outputs;
    }

    /** A failed execution was reopened: its latest failed top-level step runs again, from its first attempt. */
    void retryFailedStep(Sql tx, String orgId, String executionId) {
        StepRun failed = runs.ofExecution(tx, executionId).stream()
                .filter(run -> run.parentRunId() == null && run.status().equals(StepRun.FAILED))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new ConflictException("execution '" + executionId + "' did not fail in a step (it failed "
                        + "computing its outputs or its definition cannot run); replay it instead"));
        Step step = definitionOf(tx, failed).step(failed.stepId());
        insertRun(tx, orgId, executionId, step, "", null, null, failed.position());
        tx.notifyOnCommit(Engine.CHANNEL);
        event(tx, orgId, executionId, "execution.retried", Json.object().put("step", failed.stepId()));
    }

    /** An event about the execution as a whole (paused, resumed). */
    void note(Sql tx, String orgId, String executionId, String type) {
        event(tx, orgId, executionId, type, Json.object());
        tx.notifyOnCommit(Engine.CHANNEL);
    }

    /** Stops the runs of an execution a caller ended, and says so in its events. */
    void endedFromOutside(Sql tx, String orgId, String executionId, String status) {
        runs.cancelActive(tx, executionId, null, clock.millis());
        event(tx, orgId, executionId, "execution." + status, Json.object().put("by", "api"));
        ended(tx, orgId, executionId, status, executions.parentStepRunOf(tx, orgId, executionId));
    }

    void failExecution(Sql tx, String orgId, String executionId, String error) {
        long now = clock.millis();
        runs.cancelActive(tx, executionId, null, now);
        executions.ended(tx, orgId, executionId, Execution.FAILED, null, error, NO_USAGE, Instant.ofEpochMilli(now))
                .ifPresent(finished -> {
                    event(tx, orgId, executionId, "execution.failed", Json.object().put("error", error));
                    ended(tx, orgId, executionId, Execution.FAILED, finished.parentStepRunId());
                });
    }

    /**
     * What ending an execution does beyond its own row: the work its steps opened is withdrawn (tasks cancelled,
     * approvals' escalations dismissed, handoffs nobody accepted rejected), the sub-workflows it started that have not
     * ended (running or paused) are cancelled (and theirs, and so on), and the step of a parent execution waiting for
     * it is woken ({@code parentStepRunId}). Work a step opens after this is refused (ExecutionService.requireGoingOn).
     */
    private void ended(Sql tx, String orgId, String executionId, String status, Optional<String> parentStepRunId) {
        if (services == null) {
            return;
        }
        Set<Work> kinds = opensWork(tx, orgId, executionId);
        String reason = "withdrawn: execution " + executionId + " was " + status;
        if (kinds.contains(Work.TASK)) {
            services.tasks().cancelOfExecution(tx, executionId);
        }
        if (kinds.contains(Work.APPROVAL)) {
            services.escalations().withdrawOfEndedExecution(tx, executionId, reason);
        }
        if (kinds.contains(Work.HANDOFF)) {
            services.handoffs().withdrawOfEndedExecution(tx, executionId, reason);
        }
        // Looked for whatever the definition says (one indexed statement), as before: a child left running runs for good.
        endChildren(tx, orgId, executions.activeChildrenOf(tx, orgId, executionId), "its parent execution " + executionId
                + " ended");
        parentStepRunId.ifPresent(stepRunId -> wakeups.wake(tx, stepRunId));
    }

    /** Cancels sub-workflow executions {@code children} (running or paused) and what is theirs; {@code why} is their error. */
    private void endChildren(Sql tx, String orgId, List<String> children, String why) {
        long now = clock.millis();
        for (String child : children) {
            Optional<ExecutionRepository.Ended> ended = executions.ended(tx, orgId, child, Execution.CANCELLED, null, why,
                    NO_USAGE, Instant.ofEpochMilli(now));
            if (ended.isPresent()) {
                runs.cancelActive(tx, child, null, now);
                event(tx, orgId, child, "execution.cancelled", Json.object().put("by", "parent"));
                ended(tx, orgId, child, Execution.CANCELLED, ended.get().parentStepRunId());
            }
        }
    }

    private static final Usage NO_USAGE = new Usage(null, null, null);

    private List<Step> blockOf(Sql tx, StepRun run) {
        WorkflowDefinition definition = definitionOf(tx, run);
        if (run.parentRunId() == null) {
            return definition.steps();
        }
        StepRun parent = runs.find(tx, run.parentRunId()).orElseThrow();
        return definition.step(parent.stepId()).body().blocks().get(run.block());
    }

    WorkflowDefinition definitionOf(Sql tx, StepRun run) {
        return definitionOf(tx, run.orgId(), run.executionId());
    }

    private WorkflowDefinition definitionOf(Sql tx, String orgId, String executionId) {
        String workflowId = workflowOfExecution.get(executionId);
        if (workflowId == null) {
            workflowId = executions.find(tx, orgId, executionId).orElseThrow().workflowId();
            workflowOfExecution.put(executionId, workflowId);
        }
        return workflows.definition(tx, orgId, workflowId);
    }

    /**
     * A run made due; no cross-node notification here: a worker's transition is followed by an in-process wake-up of
     * its own node, which has the worker it just freed, and the API's paths ({@link #begin}, {@link #retryFailedStep})
     * notify themselves. (A notification per step cost a round trip and a transaction per step; bench/engine.)
     */
    private void insertRun(Sql tx, String orgId, String executionId, Step step, String scope, String parentRunId,
                           String block, int position) {
        runs.insert(tx, newRun(orgId, executionId, step, scope, parentRunId, block, position, clock.millis()));
    }

    private static StepRun newRun(String orgId, String executionId, Step step, String scope, String parentRunId, String block,
                                  int position, long now) {
        return new StepRun(Ids.newId(), orgId, executionId, step.id(), scope, parentRunId, block, position, 1,
                StepRun.PENDING, null, null, null, null, null, now, 0, Instant.ofEpochMilli(now), null, null);
    }

    private void event(Sql tx, String orgId, String executionId, String type, JsonNode data) {
        event(tx, orgId, executionId, type, data, null);
    }

    private void event(Sql tx, String orgId, String executionId, String type, JsonNode data, Usage usage) {
        events.insert(tx, orgId, new Event(Ids.newId(), executionId, null, type, null, data,
                usage == null ? null : usage.tokensIn(), usage == null ? null : usage.tokensOut(),
                usage == null ? null : usage.costUsd(), Instant.ofEpochMilli(clock.millis())));
    }

    static int iterationIndex(String scope) {
        String withoutSlash = scope.substring(0, scope.length() - 1);
        return Integer.parseInt(withoutSlash.substring(withoutSlash.lastIndexOf('[') + 1, withoutSlash.length() - 1));
    }
}
