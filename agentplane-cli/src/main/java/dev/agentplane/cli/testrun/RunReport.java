package dev.agentplane.cli.testrun;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a test run came to: the execution's end ({@code completed}, {@code failed}, {@code cancelled}), or
 * {@code invalid} when it could not start (a refused definition, input or flag) and {@code blocked} when it stopped
 * at a step that waits for something no flag answers; with the trace of its steps and the problems found.
 */
public record RunReport(String file, String workflow, Integer version, String status, JsonNode input, JsonNode output,
                        String error, List<StepTrace> steps, long skippedMillis, List<UsageProblem.Problem> problems) {
    public static final String INVALID = "invalid";
    public static final String BLOCKED = "blocked";

    static RunReport invalid(String file, UsageProblem problem) {
        return new RunReport(file, null, null, INVALID, null, null, null, List.of(), 0, problem.problems());
    }

    /** 0 when the execution completed, 1 when it failed or was cancelled, 2 when the test could not run as asked. */
    public int exitCode() {
        return switch (status) {
            case "completed" -> 0;
            case INVALID, BLOCKED -> 2;
            default -> 1;
        };
    }

    /** One step run: where it ran (scope), how it ended, after how many attempts, and the retries before. */
    public record StepTrace(String stepId, String scope, String type, String status, int attempt, Long durationMs,
                            boolean mocked, JsonNode output, String errorCode, String error, List<Retry> retries,
                            String hint) {}

    /** An attempt that failed and was tried again after {@code delayMs}. */
    public record Retry(int attempt, String error, long delayMs) {}
}
