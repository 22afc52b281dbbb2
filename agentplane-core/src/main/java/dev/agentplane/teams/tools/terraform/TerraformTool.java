package dev.agentplane.teams.tools.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.teams.tools.AgentTool;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code terraform} tool: init, validate, plan (saved, summarized), apply (only a saved plan of this tool,
 * approved by a human unless the team allows auto-approve), output and drift (a refresh-only plan), all run by the
 * real Terraform CLI in the configured directory of the workspace.
 */
public final class TerraformTool implements AgentTool {
    static final List<String> ACTIONS = List.of("init", "validate", "plan", "apply", "output", "drift");
    private static final Set<String> ARGUMENTS = Set.of("action", "plan", "variables", "destroy");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final TerraformSettings settings;
    private final TerraformActions actions;

    /** Plans are signed with a key made for this instance: a plan saved before a restart must be made again. */
    public TerraformTool(TerraformSettings settings, TerraformApprovals approvals) {
        this(settings, approvals, PlanFiles.randomKey());
    }

    /**
     * {@code planKey} signs the plans this tool saves (at least 16 bytes); keep it with the run to apply, after a
     * restart, a plan saved before it.
     */
    public TerraformTool(TerraformSettings settings, TerraformApprovals approvals, byte[] planKey) {
        if (planKey.length < 16) {
            throw new IllegalArgumentException("planKey must have at least 16 bytes");
        }
        this.settings = settings;
        this.actions = new TerraformActions(settings, new TerraformCli(settings), new PlanFiles(planKey), approvals);
    }

    @Override
    public String name() {
        return "terraform";
    }

    @Override
    public String description() {
        return "Runs Terraform in the infrastructure directory. Actions: init (install providers and modules); "
                + "validate (check the configuration); plan (save a plan and summarize what it adds, changes, "
                + "destroys and replaces; returns the plan's file name); apply (apply a saved plan by that file "
                + "name" + (settings.autoApprove() ? "" : ", after a human approves it") + "); output (the outputs "
                + "as JSON); drift (refresh-only plan: what changed outside Terraform).";
    }

    @Override
    public JsonNode parameters() {
        ObjectNode schema = Json.object().put("type", "object").put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        ObjectNode action = properties.putObject("action").put("type", "string")
                .put("description", "What to run: init, then validate, plan, apply (a saved plan), output, drift");
        ACTIONS.forEach(action.putArray("enum")::add);
        properties.putObject("plan").put("type", "string").put("description",
                "For apply: the file name of the saved plan that action plan returned, e.g. "
                        + "plan-20250101-120000-1a2b3c4d.tfplan");
        ObjectNode variables = properties.putObject("variables").put("type", "object").put("description",
                "For plan and drift: values of input variables, passed as -var name=value");
        variables.putObject("additionalProperties").putArray("type").add("string").add("number").add("boolean");
        properties.putObject("destroy").put("type", "boolean")
                .put("description", "For plan: plan to destroy every resource (default false)");
        schema.putArray("required").add("action");
        return schema;
    }

    @Override
    public ToolResult run(JsonNode arguments, ToolContext context) throws InterruptedException {
        if (arguments == null || !arguments.isObject()) {
            return ToolResult.error("arguments must be an object like {\"action\": \"plan\"}");
        }
        for (Map.Entry<String, JsonNode> field : arguments.properties()) {
            if (!ARGUMENTS.contains(field.getKey())) {
                return ToolResult.error("unknown argument '" + field.getKey() + "'; the arguments are action, "
                        + "plan (for apply), variables and destroy (for plan)");
            }
        }
        JsonNode action = arguments.get("action");
        if (action == null || !action.isTextual() || !ACTIONS.contains(action.textValue())) {
            return ToolResult.error("argument 'action' must be one of " + String.join(", ", ACTIONS));
        }
        List<String> vars = new ArrayList<>();
        String problem = variables(arguments.get("variables"), vars);
        if (problem != null) {
            return ToolResult.error(problem);
        }
        JsonNode destroy = arguments.get("destroy");
        if (destroy != null && !destroy.isNull() && !destroy.isBoolean()) {
            return ToolResult.error("argument 'destroy' must be true or false");
        }
        Path workingDir;
        try {
            workingDir = workingDir(context.workspace());
        } catch (WorkingDirException e) {
            return ToolResult.error(e.getMessage());
        }
        TerraformActions.Call call = new TerraformActions.Call(workingDir, timeout(context), context, vars);
        return switch (action.textValue()) {
            case "init" -> actions.init(call);
            case "validate" -> actions.validate(call);
            case "plan" -> actions.plan(call, destroy != null && destroy.booleanValue());
            case "apply" -> {
                JsonNode plan = arguments.get("plan");
                if (plan == null || !plan.isTextual() || plan.textValue().isBlank()) {
                    yield ToolResult.error("argument 'plan' is required for apply: the file name of the saved "
                            + "plan that action plan returned");
                }
                yield actions.apply(call, plan.textValue());
            }
            case "output" -> actions.output(call);
            default -> actions.drift(call);
        };
    }

    private static String variables(JsonNode variables, List<String> vars) {
        if (variables == null || variables.isNull()) {
            return null;
        }
        if (!variables.isObject()) {
            return "argument 'variables' must be an object of variable names to values";
        }
        for (Map.Entry<String, JsonNode> variable : variables.properties()) {
            JsonNode value = variable.getValue();
            if (!VARIABLE.matcher(variable.getKey()).matches()) {
                return "argument 'variables' has an invalid variable name '" + variable.getKey() + "'";
            }
            if (!value.isValueNode() || value.isNull()) {
                return "argument 'variables." + variable.getKey() + "' must be a string, number or boolean";
            }
            vars.add("-var=" + variable.getKey() + "=" + value.asText());
        }
        return null;
    }

    /**
     * The JSON of a plan this tool saved (checked as apply checks it), for tools that read plans, such as policy.
     * {@code plan} is the file name action plan returned.
     */
    public SavedPlan showPlan(String plan, ToolContext context) throws InterruptedException {
        try {
            Path workingDir = workingDir(context.workspace());
            return actions.show(new TerraformActions.Call(workingDir, timeout(context), context, List.of()), plan);
        } catch (WorkingDirException e) {
            return new SavedPlan.Unavailable(ToolResult.error(e.getMessage()));
        }
    }

    private static final class WorkingDirException extends Exception {
        WorkingDirException(String message) {
            super(message, null, false, false);
        }
    }

    /** The configured directory, real path, refused when missing or when it resolves outside the workspace. */
    private Path workingDir(Path workspace) throws WorkingDirException {
        try {
            Path root = workspace.toRealPath();
            Path dir = root.resolve(settings.workingDir()).normalize();
            if (dir.startsWith(root) && Files.isDirectory(dir)) {
                Path real = dir.toRealPath();
                if (real.startsWith(root)) {
                    return real;
                }
            }
        } catch (IOException e) {
            throw new WorkingDirException("the Terraform directory '" + settings.workingDir() + "' cannot be used: "
                    + e.getMessage());
        }
        throw new WorkingDirException("the Terraform directory '" + settings.workingDir() + "' does not exist in "
                + "the workspace or leads out of it; write the configuration (*.tf files) there first");
    }

    private Duration timeout(ToolContext context) {
        Duration timeout = Duration.ofSeconds(settings.timeoutSeconds());
        if (context.timeout() != null && !context.timeout().isNegative() && !context.timeout().isZero()
                && context.timeout().compareTo(timeout) < 0) {
            timeout = context.timeout();
        }
        return timeout;
    }
}
