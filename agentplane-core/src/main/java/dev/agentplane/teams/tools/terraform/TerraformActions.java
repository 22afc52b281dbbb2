package dev.agentplane.teams.tools.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.ToolResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The six actions, each a short sequence of Terraform commands whose outcome becomes a result the model reads. */
final class TerraformActions {
    private static final int MAX_CONTENT_CHARS = 8_000;

    private final TerraformSettings settings;
    private final TerraformCli cli;
    private final PlanFiles plans;
    private final TerraformApprovals approvals;

    /** One call: where it runs, how long each stretch of Terraform work may take, and the -var arguments. */
    record Call(Path workingDir, Duration timeout, ToolContext context, List<String> vars) {}

    TerraformActions(TerraformSettings settings, TerraformCli cli, PlanFiles plans, TerraformApprovals approvals) {
        this.settings = settings;
        this.cli = cli;
        this.plans = plans;
        this.approvals = approvals;
    }

    ToolResult init(Call call) throws InterruptedException {
        CliSession session = new CliSession(cli, call);
        return session.run(List.of("init", "-input=false", "-no-color", "-json"))
                .map(run -> ToolResult.ok("Initialized the Terraform directory " + settings.workingDir() + "."
                        + warnings(run) + "\nNext: validate or plan."))
                .orElseGet(session::failure);
    }

    ToolResult validate(Call call) throws InterruptedException {
        CliSession session = new CliSession(cli, call);
        CliRun run = session.runAnyExit(List.of("validate", "-json", "-no-color"));
        if (run == null) {
            return session.failure();
        }
        JsonNode result = parse(run.stdout());
        if (result == null || !result.has("valid")) {
            return session.failed("validate", run);
        }
        List<Diagnostic> diagnostics = Diagnostic.fromValidate(result);
        ObjectNode data = Json.object().put("valid", result.path("valid").asBoolean());
        data.set("diagnostics", Json.MAPPER.valueToTree(diagnostics));
        if (!result.path("valid").asBoolean()) {
            return new ToolResult("The configuration is invalid:\n" + Diagnostic.describe(diagnostics), true, data);
        }
        return ToolResult.ok(diagnostics.isEmpty() ? "The configuration is valid."
                : "The configuration is valid, with warnings:\n" + Diagnostic.describe(diagnostics), data);
    }

    ToolResult plan(Call call, boolean destroy) throws InterruptedException {
        CliSession session = new CliSession(cli, call);
        String name;
        try {
            name = PlanFiles.newName(call.workingDir(), "plan");
        } catch (IOException e) {
            return ToolResult.error("the plan directory could not be created: " + e.getMessage());
        }
        List<String> args = new ArrayList<>(List.of("plan", "-input=false", "-no-color", "-json",
                "-out=" + PlanFiles.relative(name)));
        if (destroy) {
            args.add("-destroy");
        }
        args.addAll(call.vars());
        Optional<CliRun> planned = session.run(args);
        if (planned.isEmpty()) {
            return session.failure();
        }
        Optional<PlanSummary> summary = session.show(name);
        if (summary.isEmpty()) {
            return session.failure();
        }
        try {
            if (!summary.get().hasChanges()) {
                plans.delete(call.workingDir(), name);
                ObjectNode data = summary.get().toJson().putNull("plan");
                return ToolResult.ok("No changes: the infrastructure matches the configuration; nothing to apply."
                        + warnings(planned.get()), data);
            }
            plans.sign(call.workingDir(), name);
        } catch (IOException e) {
            return ToolResult.error("the saved plan could not be recorded: " + e.getMessage());
        }
        return ToolResult.ok(summary.get().describe() + warnings(planned.get()) + "\nTo apply it: "
                + "{\"action\": \"apply\", \"plan\": \"" + name + "\"}", summary.get().toJson());
    }

    ToolResult apply(Call call, String name) throws InterruptedException {
        try {
            Optional<String> refusal = plans.refusal(call.workingDir(), name);
            if (refusal.isPresent()) {
                return ToolResult.error("apply refused: " + refusal.get());
            }
        } catch (IOException e) {
            return ToolResult.error("the saved plan " + name + " cannot be read: " + e.getMessage());
        }
        CliSession reading = new CliSession(cli, call);
        Optional<PlanSummary> summary = reading.show(name);
        if (summary.isEmpty()) {
            return reading.failure();
        }
        if (!settings.autoApprove()) {
            TerraformApprovals.Decision decision = approvals.approve(summary.get(), call.context());
            if (decision == null || !decision.approved()) {
                return ToolResult.error("apply refused: the plan " + name + " was not approved"
                        + (decision == null ? "" : ": " + decision.reason()) + ". Nothing was changed; the plan is "
                        + "kept and can be applied once approved.");
            }
        }
        CliSession session = new CliSession(cli, call); // the time for Terraform starts after the approval
        Optional<CliRun> applied = session.run(List.of("apply", "-input=false", "-no-color", "-json",
                PlanFiles.relative(name)));
        if (applied.isEmpty()) {
            return session.failure();
        }
        try {
            plans.delete(call.workingDir(), name);
        } catch (IOException e) {
            // applied all the same; a stale saved plan is refused by terraform apply anyway
        }
        JsonNode changes = changeSummary(applied.get().stdout());
        ObjectNode data = summary.get().toJson();
        data.set("applied", changes);
        String counts = changes == null ? "" : " (" + changes.path("add").asInt() + " added, "
                + changes.path("change").asInt() + " changed, " + changes.path("remove").asInt() + " destroyed)";
        return ToolResult.ok("Applied plan " + name + counts + "." + warnings(applied.get())
                + "\nWhat it did: " + summary.get().describe(), data);
    }

    SavedPlan show(Call call, String name) throws InterruptedException {
        try {
            Optional<String> refusal = plans.refusal(call.workingDir(), name);
            if (refusal.isPresent()) {
                return new SavedPlan.Unavailable(ToolResult.error(refusal.get()));
            }
        } catch (IOException e) {
            return new SavedPlan.Unavailable(ToolResult.error("the saved plan " + name + " cannot be read: "
                    + e.getMessage()));
        }
        CliSession session = new CliSession(cli, call);
        return session.showJson(name).<SavedPlan>map(json -> new SavedPlan.Shown(name, json))
                .orElseGet(() -> new SavedPlan.Unavailable(session.failure()));
    }

    ToolResult output(Call call) throws InterruptedException {
        CliSession session = new CliSession(cli, call);
        Optional<CliRun> run = session.run(List.of("output", "-json", "-no-color"));
        if (run.isEmpty()) {
            return session.failure();
        }
        JsonNode outputs = parse(run.get().stdout());
        if (outputs == null || !outputs.isObject()) {
            return ToolResult.error("terraform output did not print JSON: "
                    + Diagnostic.cut(run.get().stdout(), 500));
        }
        ObjectNode values = Json.object();
        for (Map.Entry<String, JsonNode> output : outputs.properties()) {
            JsonNode value = output.getValue();
            values.set(output.getKey(), value.path("sensitive").asBoolean()
                    ? Json.MAPPER.getNodeFactory().textNode("(sensitive)") : value.path("value"));
        }
        String text = values.isEmpty() ? "No outputs (is the configuration applied?)."
                : "Outputs: " + Diagnostic.cut(values.toString(), MAX_CONTENT_CHARS);
        return ToolResult.ok(text, values);
    }

    ToolResult drift(Call call) throws InterruptedException {
        CliSession session = new CliSession(cli, call);
        String name;
        try {
            name = PlanFiles.newName(call.workingDir(), "drift");
        } catch (IOException e) {
            return ToolResult.error("the plan directory could not be created: " + e.getMessage());
        }
        try {
            List<String> args = new ArrayList<>(List.of("plan", "-refresh-only", "-detailed-exitcode",
                    "-input=false", "-no-color", "-json", "-out=" + PlanFiles.relative(name)));
            args.addAll(call.vars());
            CliRun run = session.runAnyExit(args);
            if (run == null) {
                return session.failure();
            }
            if (run.exitCode() == 0) {
                return ToolResult.ok(DriftReport.of(Json.object()).describe() + warnings(run),
                        DriftReport.of(Json.object()).toJson());
            }
            if (run.exitCode() != 2) {
                return session.failed("plan -refresh-only", run);
            }
            Optional<JsonNode> show = session.showJson(name);
            if (show.isEmpty()) {
                return session.failure();
            }
            DriftReport report = DriftReport.of(show.get());
            return ToolResult.ok(Diagnostic.cut(report.describe(), MAX_CONTENT_CHARS) + warnings(run),
                    report.toJson());
        } finally {
            try {
                plans.delete(call.workingDir(), name);
            } catch (IOException ignored) {
                // a leftover refresh-only plan is never applied by this tool
            }
        }
    }

    private static String warnings(CliRun run) {
        List<Diagnostic> warnings = Diagnostic.fromJsonLines(run.stdout()).stream()
                .filter(d -> !d.isError()).toList();
        return warnings.isEmpty() ? "" : "\n" + Diagnostic.describe(warnings);
    }

    private static JsonNode changeSummary(String jsonLines) {
        JsonNode last = null;
        for (String line : jsonLines.split("\n")) {
            JsonNode message = line.startsWith("{") ? parse(line) : null;
            if (message != null && "change_summary".equals(message.path("type").asText())) {
                last = message.path("changes");
            }
        }
        return last;
    }

    static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
