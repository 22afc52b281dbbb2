package dev.agentplane.executions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.executions.Execution;
import dev.agentplane.expressions.ExpressionContext;
import dev.agentplane.expressions.SecretRedactor;
import dev.agentplane.expressions.Expressions;
import dev.agentplane.tools.Tool;
import dev.agentplane.tools.ToolCall;
import dev.agentplane.tools.ToolRegistry;
import dev.agentplane.workflows.definition.Step;
import dev.agentplane.workflows.definition.StepBody;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs one claimed step outside any transaction and says what came of it. */
final class StepRunner {
    private final ToolRegistry tools;
    private final Expressions expressions;
    private final Clock clock;
    private final StateSteps stateSteps;
    private WaitingSteps waiting;
    private InterpretSteps interpret;
    private volatile AgentSteps agents;
    private volatile StepOverrides overrides = StepOverrides.NONE;
    private final ExecutorService toolThreads = Executors.newVirtualThreadPerTaskExecutor();

    StepRunner(ToolRegistry tools, Expressions expressions, StateSteps stateSteps, Clock clock) {
        this.stateSteps = stateSteps;
        this.tools = tools;
        this.expressions = expressions;
        this.clock = clock;
    }

    /** What the step came to, with the values of the org's secrets redacted from everything that will be stored. */
    Outcome run(StepRun run, Execution execution, Step step, ExpressionContext variables) {
        Outcome outcome = runUnredacted(run, execution, step, variables);
        SecretRedactor redactor = variables.redactor();
        if (redactor.isEmpty()) {
            return outcome;
        }
        return switch (outcome) {
            case Outcome.Done done -> new Outcome.Done(redactor.redact(done.output()), done.usage());
            case Outcome.Failed failed -> new Outcome.Failed(failed.code(), redactor.redact(failed.message()), failed.retryable(),
                    failed.usage());
            case Outcome.Blocks blocks -> new Outcome.Blocks(blocks.blocks(), redactor.redact(blocks.state()));
            default -> outcome;
        };
    }

    private Outcome runUnredacted(StepRun run, Execution execution, Step step, ExpressionContext variables) {
        try {
            if (step.when() != null && !expressions.test(step.when(), variables)) {
                return new Outcome.Skipped();
            }
            Optional<StepOverride> replacement = overrides.find(execution, step);
            if (replacement.isPresent()) {
                return replaced(replacement.get());
            }
            return switch (step.body()) {
                case StepBody.Tool tool -> callTool(run, step, tool, variables);
                case StepBody.Set set -> new Outcome.Done(render(set.values(), variables));
                case StepBody.Fail fail -> new Outcome.Failed("fail", text(render(fail.message(), variables)), false);
                case StepBody.Sleep sleep -> sleepUntil(run, clock.millis() + sleep.duration().toMillis());
                case StepBody.WaitUntil wait -> sleepUntil(run, instant(render(wait.until(), variables)));
                case StepBody.If branch -> blocks(run, expressions.test(branch.condition(), variables) ? "then" : "else");
                case StepBody.Switch choice -> blocks(run, switchBlock(choice, variables));
                case StepBody.Parallel parallel -> new Outcome.Blocks(parallel.branches().stream()
                        .map(b -> new Outcome.BlockStart("branch:" + b.name(), run.scope())).toList(), Json.object());
                case StepBody.Foreach foreach -> foreach(run, foreach, variables);
                case StepBody.StateGet get -> stateSteps.get(run, text(render(get.namespace(), variables)),
                        text(render(get.key(), variables)));
                case StepBody.StateSet set -> stateSteps.set(run, set, text(render(set.namespace(), variables)),
                        text(render(set.key(), variables)), render(set.value(), variables));
                case StepBody.Approval approval -> waiting == null ? unsupported(step)
                        : waiting.approval(run, step, approval, execution, t -> render(t, variables));
                case StepBody.Handoff handoff -> waiting == null ? unsupported(step)
                        : waiting.handoff(run, step, handoff, execution, t -> render(t, variables));
                case StepBody.Task task -> waiting == null ? unsupported(step)
                        : waiting.task(run, step, task, execution, t -> render(t, variables));
                case StepBody.SubWorkflow sub -> waiting == null ? unsupported(step)
                        : waiting.workflow(run, step, sub, execution, t -> render(t, variables));
                case StepBody.Agent body -> agents == null ? new Outcome.Failed("step.unsupported", "agent steps need the "
                        + "team runner, which this process was not given (the server and `agentplane run` have it)", false)
                        : agents.run(run, body, t -> render(t, variables));
                case StepBody.Interpret body -> interpret == null ? unsupported(step)
                        : interpret.run(run, body, t -> render(t, variables));
                default -> unsupported(step);
            };
        } catch (ProblemException refused) {
            // A service refused what the step asked it to open (a bad agent id, a workflow that does not exist).
            return WaitingSteps.refused(step.type(), refused);
        } catch (StepFailure failure) {
            return new Outcome.Failed(failure.code(), failure.getMessage(), failure.retryable());
        } catch (RuntimeException e) {
            return new Outcome.Failed("step.error", e.getMessage() == null ? e.toString() : e.getMessage(), false);
        }
    }

    private static Outcome unsupported(Step step) {
        return new Outcome.Failed("step.unsupported", "steps of type '" + step.type() + "' cannot run on this server yet", false);
    }

    void connect(WaitingSteps waiting, InterpretSteps interpret) {
        this.waiting = waiting;
        this.interpret = interpret;
    }

    void connectTeams(AgentSteps agents) {
        this.agents = agents;
    }

    void override(StepOverrides overrides) {
        this.overrides = overrides;
    }

    private static Outcome replaced(StepOverride replacement) {
        return switch (replacement) {
            case StepOverride.Output given -> new Outcome.Done(given.output());
            case StepOverride.Failure given -> new Outcome.Failed(given.code(), given.message(), given.retryable());
        };
    }

    private Outcome callTool(StepRun run, Step step, StepBody.Tool call, ExpressionContext variables) {
        Tool tool = tools.get(call.tool());
        JsonNode input = call.with() == null ? Json.object() : render(call.with(), variables);
        ToolCall facts = new ToolCall(run.orgId(), run.executionId(), step.id(), run.id() + "/" + run.attempt(), step.timeout());
        Future<JsonNode> result = toolThreads.submit(() -> tool.call(input, facts));
        try {
            return new Outcome.Done(step.timeout() == null ? result.get() : result.get(step.timeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            result.cancel(true);
            return new Outcome.Failed("timeout", "tool " + call.tool() + " took longer than the step's timeout of " + step.timeout(), true);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StepFailure failure) {
                throw failure;
            }
            return new Outcome.Failed("tool.error", "tool " + call.tool() + " failed: " + e.getCause(), true);
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            return new Outcome.Failed("interrupted", "the worker stopped while tool " + call.tool() + " ran", true);
        }
    }

    /** First look: remember the wake time and come back then; second look: done. */
    private Outcome sleepUntil(StepRun run, long wakeAt) {
        long due = run.state() != null && run.state().has("wake_at") ? run.state().get("wake_at").asLong() : wakeAt;
        if (clock.millis() >= due) {
            return new Outcome.Done(Json.object().put("woke_at", Instant.ofEpochMilli(clock.millis()).toString()));
        }
        return new Outcome.Later(due, Json.object().put("wake_at", due));
    }

    private static Outcome blocks(StepRun run, String block) {
        return new Outcome.Blocks(List.of(new Outcome.BlockStart(block, run.scope())), Json.object());
    }

    private String switchBlock(StepBody.Switch choice, ExpressionContext variables) {
        JsonNode value = expressions.evaluate(choice.value(), variables);
        String key = value.isTextual() ? value.asText() : value.toString();
        return choice.cases().containsKey(key) ? "case:" + key : StepBody.Switch.DEFAULT_BLOCK;
    }

    private Outcome foreach(StepRun run, StepBody.Foreach foreach, ExpressionContext variables) {
        JsonNode items = render(foreach.items(), variables);
        if (!items.isArray()) {
            return new Outcome.Failed("foreach.items", "items is a " + items.getNodeType().name().toLowerCase()
                    + ", not a list", false);
        }
        if (items.isEmpty()) {
            return new Outcome.Done(Json.MAPPER.createArrayNode());
        }
        int started = Math.min(foreach.concurrency(), items.size());
        ArrayNode results = Json.MAPPER.createArrayNode();
        items.forEach(item -> results.addNull());
        ObjectNode state = Json.object().put("next", started);
        state.set("items", items);
        state.set("results", results);
        List<Outcome.BlockStart> blocks = new ArrayList<>();
        for (int i = 0; i < started; i++) {
            blocks.add(new Outcome.BlockStart("each", Variables.iterationScope(run, i)));
        }
        return new Outcome.Blocks(blocks, state);
    }

    private JsonNode render(JsonNode template, ExpressionContext variables) {
        return template == null ? null : expressions.render(template, variables).value();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "" : node.isTextual() ? node.asText() : node.toString();
    }

    private static long instant(JsonNode node) {
        try {
            return Instant.parse(text(node)).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new StepFailure("wait_until.time", "until is '" + text(node) + "', not an RFC 3339 time such as 2026-12-01T09:00:00Z", false);
        }
    }

    void close() {
        toolThreads.shutdownNow();
    }

}
