package dev.agentplane.cli.testrun;

import dev.agentplane.workflows.definition.Step;
import dev.agentplane.workflows.definition.StepBody;
import java.util.Set;

/** What to tell the user about steps a test run cannot do by itself, and the flag that replaces them. */
final class WaitingStep {
    /** Error codes of steps that cannot run in a test store (or on a server yet): mocking them is the fix. */
    private static final Set<String> MOCK_ME = Set.of("step.unsupported", "workflow.refused", "handoff.refused",
            "handoff.from", "task.refused");

    private WaitingStep() {}

    static UsageProblem.Problem undecided(Step step) {
        return new UsageProblem.Problem("step " + step.id(), "the approval waits for a person's decision",
                "pass --approve " + step.id() + "='{...}' (the resolution, e.g. '{\"approved\": true}') or --reject "
                        + step.id() + "='<reason>', or replace it with --mock " + step.id() + "=<file.json>");
    }

    static UsageProblem.Problem unanswered(Step step) {
        String what = switch (step.body()) {
            case StepBody.Task task -> "the task waits for an agent with capability '" + task.capability() + "'";
            case StepBody.Handoff handoff -> "the handoff waits for an agent to accept and complete it";
            case StepBody.SubWorkflow sub -> "the step waits for its sub-workflow '" + sub.workflow() + "'";
            default -> "the " + step.type() + " step waits for something outside the engine";
        };
        return new UsageProblem.Problem("step " + step.id(), what + ", and no agent works in a test run",
                "replace it with --mock " + step.id() + "=<file.json> holding its output" + outputShape(step));
    }

    /** A hint for a failed step that a mock would stand in for; null otherwise. */
    static String hint(Step step, String errorCode) {
        if (errorCode == null || !MOCK_ME.contains(errorCode)) {
            return null;
        }
        return "replace it with --mock " + step.id() + "=<file.json> holding its output" + outputShape(step);
    }

    private static String outputShape(Step step) {
        return switch (step.type()) {
            case "handoff" -> " ({\"result\": ..., \"accepted_by\": \"<agent id>\"})";
            case "approval" -> " ({\"resolution\": ..., \"resolved_by\": \"...\"})";
            case "interpret" -> " ({\"data\": {...}, \"overall_confidence\": 0.9, ...})";
            default -> "";
        };
    }
}
