package dev.agentplane.executions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.executions.Usage;
import java.util.function.BooleanSupplier;

/**
 * The port through which {@code agent} steps run a team (the team runner implements it; without one, agent steps
 * fail clearly). A run is prepared first — its id kept in the step's state by the engine — and then run, so a step
 * re-claimed after a crash resumes the same run instead of starting over.
 */
public interface TeamSteps {
    /**
     * Records the run of {@code team} (or of the single agent named {@code agent}) for step run {@code stepRunId} —
     * the same one when asked again — as a child of the step, so cancelling the execution cancels it; returns its id.
     */
    String prepare(String orgId, String stepRunId, String team, String agent, String task);

    /**
     * Runs (or resumes) the prepared run to its end, checking {@code stillWanted} before each model call and tool
     * call: when the step was cancelled or passed to another worker, the run stops where it is.
     */
    Result run(String orgId, String runId, String team, String agent, String task, JsonNode with, BooleanSupplier stillWanted)
            throws InterruptedException;

    /** {@code output} is the step's output; {@code failure} is set when the run failed; usage is its model calls'. */
    record Result(JsonNode output, String failure, Usage usage) {}
}
