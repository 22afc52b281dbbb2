package dev.agentplane.teams.tools.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.teams.tools.AgentTool;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.ToolResult;
import dev.agentplane.teams.tools.terraform.SavedPlan;
import dev.agentplane.teams.tools.terraform.TerraformTool;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code policy} tool: checks a Terraform plan against the team's rules (the built-in pack and its own, in
 * CEL) and returns each violation with the resource address. A plan with violations is a successful check whose
 * result says FAILED; an error result means the plan could not be checked at all.
 */
public final class PolicyTool implements AgentTool {
    private static final Set<String> ARGUMENTS = Set.of("plan", "plan_json");

    private final PolicySettings settings;
    private final Optional<TerraformTool> terraform;

    /** Checks saved plans of {@code terraform} (argument plan) and inline plans (plan_json). */
    public PolicyTool(PolicySettings settings, TerraformTool terraform) {
        this.settings = settings;
        this.terraform = Optional.of(terraform);
    }

    /** Checks inline plans only (argument plan_json). */
    public PolicyTool(PolicySettings settings) {
        this.settings = settings;
        this.terraform = Optional.empty();
    }

    @Override
    public String name() {
        return "policy";
    }

    @Override
    public String description() {
        return "Checks a Terraform plan against the team's policy rules (" + String.join(", ",
                settings.rules().stream().map(PolicyRule::id).toList()) + ") and lists each violation with the "
                + "resource address and severity. Pass plan (the file name the terraform tool's plan action "
                + "returned) or plan_json (the JSON of terraform show -json).";
    }

    @Override
    public JsonNode parameters() {
        ObjectNode schema = Json.object().put("type", "object").put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("plan").put("type", "string").put("description",
                "The file name of a plan saved by the terraform tool, e.g. plan-20250101-120000-1a2b3c4d.tfplan");
        properties.putObject("plan_json").put("description",
                "A plan as terraform show -json prints it: the object, or its JSON text")
                .putArray("type").add("object").add("string");
        return schema;
    }

    @Override
    public ToolResult run(JsonNode arguments, ToolContext context) throws InterruptedException {
        if (arguments == null || !arguments.isObject()) {
            return ToolResult.error("arguments must be an object with plan or plan_json");
        }
        for (Map.Entry<String, JsonNode> field : arguments.properties()) {
            if (!ARGUMENTS.contains(field.getKey())) {
                return ToolResult.error("unknown argument '" + field.getKey() + "'; pass plan (a saved plan's "
                        + "file name) or plan_json");
            }
        }
        JsonNode plan = arguments.get("plan");
        JsonNode inline = arguments.get("plan_json");
        boolean hasPlan = plan != null && !plan.isNull();
        boolean hasInline = inline != null && !inline.isNull();
        if (hasPlan == hasInline) {
            return ToolResult.error("pass exactly one of plan (the file name the terraform tool's plan action "
                    + "returned) and plan_json (the JSON of terraform show -json)");
        }
        String source;
        JsonNode json;
        if (hasPlan) {
            if (!plan.isTextual() || plan.textValue().isBlank()) {
                return ToolResult.error("argument 'plan' must be the file name of a saved plan");
            }
            if (terraform.isEmpty()) {
                return ToolResult.error("argument 'plan' needs the terraform tool, which this team does not have; "
                        + "pass plan_json instead");
            }
            switch (terraform.get().showPlan(plan.textValue(), context)) {
                case SavedPlan.Unavailable unavailable -> {
                    return ToolResult.error("the plan cannot be checked: " + unavailable.error().content());
                }
                case SavedPlan.Shown shown -> json = shown.json();
            }
            source = "plan " + plan.textValue();
        } else {
            json = inline.isTextual() ? parse(inline.textValue()) : inline;
            if (json == null || !json.isObject()) {
                return ToolResult.error("argument 'plan_json' must be a JSON object as terraform show -json "
                        + "prints it (or its text)");
            }
            source = "the given plan";
        }
        if (!json.has("resource_changes") && !json.has("format_version")) {
            return ToolResult.error("argument 'plan_json' is not a Terraform plan: it has no resource_changes; "
                    + "pass the output of terraform show -json <plan>");
        }
        PolicyReport report = PolicyCheck.run(settings.rules(), settings.requiredTags(), json);
        ObjectNode data = report.toJson();
        data.put("source", source);
        return ToolResult.ok(report.describe(), data);
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }
}
