package dev.agentplane.teams.tools.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.teams.tools.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The commands of one action under one deadline; a command that fails leaves its error result in
 * {@link #failure()}.
 */
final class CliSession {
    private final TerraformCli cli;
    private final TerraformActions.Call call;
    private final Instant deadline;
    private ToolResult failure;

    CliSession(TerraformCli cli, TerraformActions.Call call) {
        this.cli = cli;
        this.call = call;
        this.deadline = Instant.now().plus(call.timeout());
    }

    /** The run when it exited 0. */
    Optional<CliRun> run(List<String> args) throws InterruptedException {
        CliRun run = runAnyExit(args);
        if (run == null) {
            return Optional.empty();
        }
        if (!run.succeeded()) {
            failure = failed(args.getFirst(), run);
            return Optional.empty();
        }
        return Optional.of(run);
    }

    /** The run whatever its exit code, or null when it could not start or timed out. */
    CliRun runAnyExit(List<String> args) throws InterruptedException {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            failure = ToolResult.error("terraform " + args.getFirst() + " was not started: the time for this "
                    + "call (" + call.timeout().toSeconds() + " s) is used up");
            return null;
        }
        try {
            CliRun run = cli.run(call.workingDir(), left, args);
            if (run.timedOut()) {
                failure = ToolResult.error("terraform " + args.getFirst() + " did not finish within "
                        + call.timeout().toSeconds() + " s and was stopped; " + tail(run));
                return null;
            }
            return run;
        } catch (TerraformCli.NotStartedException e) {
            failure = ToolResult.error(e.getMessage());
            return null;
        }
    }

    Optional<PlanSummary> show(String name) throws InterruptedException {
        return showJson(name).map(show -> PlanSummary.of(name, show));
    }

    Optional<JsonNode> showJson(String name) throws InterruptedException {
        Optional<CliRun> run = run(List.of("show", "-json", "-no-color", PlanFiles.relative(name)));
        if (run.isEmpty()) {
            return Optional.empty();
        }
        JsonNode show = TerraformActions.parse(run.get().stdout());
        if (show == null || !show.isObject()) {
            failure = ToolResult.error("terraform show did not print a JSON plan: " + tail(run.get()));
            return Optional.empty();
        }
        return Optional.of(show);
    }

    ToolResult failure() {
        return failure;
    }

    ToolResult failed(String command, CliRun run) {
        List<Diagnostic> diagnostics = Diagnostic.fromJsonLines(run.stdout());
        ObjectNode data = Json.object().put("exit_code", run.exitCode());
        data.set("diagnostics", Json.MAPPER.valueToTree(diagnostics));
        String detail = diagnostics.stream().anyMatch(Diagnostic::isError) ? Diagnostic.describe(diagnostics)
                : tail(run);
        return new ToolResult("terraform " + command + " failed (exit " + run.exitCode() + "):\n" + detail,
                true, data);
    }

    private static String tail(CliRun run) {
        String text = (run.stderr().isBlank() ? run.stdout() : run.stderr()).strip();
        int max = Diagnostic.MAX_TEXT_CHARS;
        return text.length() <= max ? text : "…" + text.substring(text.length() - max);
    }
}
