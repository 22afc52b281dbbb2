package dev.agentplane.executions.engine;

import dev.agentplane.executions.Execution;
import dev.agentplane.workflows.definition.Step;
import java.util.Optional;

/**
 * Steps that are not run but replaced by a given result: the engine asks before it runs a claimed step (after the
 * step's {@code when}), and a replaced step completes or fails with the result instead of doing its work (no tool
 * call, no escalation or task opened). {@code agentplane test --mock} is the one user; a server replaces nothing.
 */
@FunctionalInterface
public interface StepOverrides {
    StepOverrides NONE = (execution, step) -> Optional.empty();

    /** The result that stands in for running {@code step} in {@code execution}, or empty to run it. */
    Optional<StepOverride> find(Execution execution, Step step);
}
