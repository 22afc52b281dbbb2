package dev.agentplane.cli.testrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import java.util.Locale;

/** A run report as people read it (a trace table), or as JSON for CI. */
public final class ReportText {
    private static final int SUMMARY_LENGTH = 72;

    private ReportText() {}

    public static String text(RunReport report) {
        StringBuilder out = new StringBuilder();
        if (report.status().equals(RunReport.INVALID)) {
            out.append(report.file()).append(": the test cannot run:\n");
            report.problems().forEach(p -> out.append("  ").append(p).append('\n'));
            return out.toString();
        }
        out.append("workflow ").append(report.workflow()).append(" (version ").append(report.version()).append(") from ")
                .append(report.file()).append("\ninput ").append(summary(report.input(), 200)).append("\n\n");
        out.append(String.format(Locale.ROOT, "  %-28s %-10s %3s %8s  %s%n", "STEP", "STATUS", "TRY", "TIME", "OUTPUT / ERROR"));
        for (RunReport.StepTrace step : report.steps()) {
            boolean ran = step.status().equals("completed") || step.status().equals("failed");
            String outcome = step.error() != null ? step.errorCode() + ": " + step.error()
                    : ran ? summary(step.output(), SUMMARY_LENGTH) : "";
            out.append(String.format(Locale.ROOT, "  %-28s %-10s %3d %8s  %s%s%n", step.scope() + step.stepId(), step.status(),
                    step.attempt(), step.durationMs() == null || !ran ? "" : duration(step.durationMs()),
                    step.mocked() ? "(mock) " : "", outcome));
            for (RunReport.Retry retry : step.retries()) {
                out.append("      try ").append(retry.attempt()).append(" failed: ").append(retry.error())
                        .append("; tried again after ").append(duration(retry.delayMs())).append('\n');
            }
            if (step.hint() != null) {
                out.append("      hint: ").append(step.hint()).append('\n');
            }
        }
        out.append('\n');
        switch (report.status()) {
            case RunReport.BLOCKED -> {
                out.append("blocked: the test stopped at a step it cannot finish by itself\n");
                report.problems().forEach(p -> out.append("  ").append(p).append('\n'));
            }
            case "completed" -> out.append("completed").append(skipped(report)).append("\noutput ")
                    .append(Json.write(report.output())).append('\n');
            default -> out.append(report.status()).append(skipped(report)).append(": ").append(report.error()).append('\n');
        }
        return out.toString();
    }

    public static String json(RunReport report) {
        ObjectNode json = Json.MAPPER.valueToTree(report);
        json.put("exit_code", report.exitCode());
        return Json.write(json);
    }

    private static String skipped(RunReport report) {
        return report.skippedMillis() == 0 ? "" : " (the clock jumped " + duration(report.skippedMillis()) + " over waits)";
    }

    static String summary(JsonNode value, int length) {
        String text = value == null ? "null" : Json.write(value);
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    static String duration(long millis) {
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
        }
        return seconds / 3600 + "h" + (seconds % 3600 / 60 == 0 ? "" : seconds % 3600 / 60 + "m");
    }
}
