package dev.agentplane.executions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.workflows.definition.StepBody;
import java.time.Clock;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Runs {@code agent} steps through the {@link TeamSteps} port in two looks: the first records the run and keeps its
 * id in the step's state (due again at once); the second runs it — after a crash the step is claimed again and
 * resumes the same run, so finished tool calls are not repeated.
 */
final class AgentSteps {
    private final TeamSteps teams;
    private final Clock clock;
    private final Predicate<StepRun> held;

    /** {@code held}: whether this worker still holds a claimed run (not cancelled, not re-claimed elsewhere). */
    AgentSteps(TeamSteps teams, Clock clock, Predicate<StepRun> held) {
        this.teams = teams;
        this.clock = clock;
        this.held = held;
    }

    Outcome run(StepRun run, StepBody.Agent body, UnaryOperator<JsonNode> render) {
        String runId = run.state() == null ? null : run.state().path("run_id").asText(null);
        if (runId == null) {
            // The task as rendered now is kept with the run: a later look must resume it with the very same words.
            String task = text(render.apply(body.task()));
            JsonNode with = render.apply(body.with());
            String prepared = teams.prepare(run.orgId(), run.id(), body.team(), body.agent(), task);
            return new Outcome.Later(clock.millis(), Json.object().put("run_id", prepared).put("task", task).set("with", with));
        }
        String task = run.state().path("task").asText();
        JsonNode with = run.state().get("with");
        TeamSteps.Result result;
        try {
            result = teams.run(run.orgId(), runId, body.team(), body.agent(), task, with, () -> held.test(run));
        } catch (InterruptedException stopping) {
            // This node is stopping: look again soon (here or on another node), resuming the same run.
            Thread.currentThread().interrupt();
            return new Outcome.Later(clock.millis(), run.state());
        }
        if (result.failure() != null) {
            return new Outcome.Failed("agent.failed", result.failure(), false, result.usage());
        }
        return new Outcome.Done(result.output(), result.usage());
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "" : node.isTextual() ? node.asText() : Json.write(node);
    }
}
