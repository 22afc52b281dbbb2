package dev.agentplane.teams.tools.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a refresh-only plan found changed outside Terraform: each drifted resource ({@code resource_drift} of
 * {@code terraform show -json}) with what changed in it, and each output whose value moved. Values marked
 * sensitive are not shown, only where they changed.
 */
public record DriftReport(List<DriftedResource> resources, List<DriftedOutput> outputs) {
    private static final int MAX_CHANGES_PER_RESOURCE = 20;
    private static final int MAX_VALUE_CHARS = 120;

    /** {@code action}: update (changed), delete (gone) or another Terraform action; {@code changes}: "path: a -> b". */
    public record DriftedResource(String address, String action, List<String> changes) {}

    public record DriftedOutput(String name, String change) {}

    public DriftReport {
        resources = List.copyOf(resources);
        outputs = List.copyOf(outputs);
    }

    static DriftReport of(JsonNode show) {
        List<DriftedResource> resources = new ArrayList<>();
        for (JsonNode drift : show.path("resource_drift")) {
            JsonNode change = drift.path("change");
            String action = PlanSummary.action(change.path("actions"));
            if (action.equals(PlanSummary.NO_OP)) {
                continue; // a moved resource is listed with no-op: nothing changed outside Terraform
            }
            boolean hidden = sensitive(change.path("before_sensitive")) || sensitive(change.path("after_sensitive"));
            List<String> changes = new ArrayList<>();
            diff("", change.path("before"), change.path("after"), hidden, changes);
            resources.add(new DriftedResource(drift.path("address").asText(),
                    action.equals(PlanSummary.DESTROY) ? "delete" : action.equals(PlanSummary.CHANGE) ? "update"
                            : action, changes));
        }
        List<DriftedOutput> outputs = new ArrayList<>();
        show.path("output_changes").properties().forEach(output -> {
            JsonNode change = output.getValue();
            if (!PlanSummary.action(change.path("actions")).equals(PlanSummary.NO_OP)) {
                boolean hidden = sensitive(change.path("before_sensitive")) || sensitive(change.path("after_sensitive"));
                outputs.add(new DriftedOutput(output.getKey(), hidden ? "(sensitive value changed)"
                        : value(change.path("before")) + " -> " + value(change.path("after"))));
            }
        });
        return new DriftReport(resources, outputs);
    }

    public boolean hasDrift() {
        return !resources.isEmpty() || !outputs.isEmpty();
    }

    public String describe() {
        if (!hasDrift()) {
            return "No drift: the real infrastructure matches the Terraform state.";
        }
        StringBuilder text = new StringBuilder("Drift detected: ").append(resources.size())
                .append(" resource(s) and ").append(outputs.size()).append(" output(s) changed outside Terraform.");
        for (DriftedResource resource : resources) {
            text.append("\n- ").append(resource.address()).append(" (").append(resource.action()).append(')');
            resource.changes().forEach(change -> text.append("\n    ").append(change));
        }
        for (DriftedOutput output : outputs) {
            text.append("\n- output ").append(output.name()).append(": ").append(output.change());
        }
        return text.toString();
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("drift", hasDrift());
        json.set("resources", Json.MAPPER.valueToTree(resources));
        json.set("outputs", Json.MAPPER.valueToTree(outputs));
        return json;
    }

    /** Paths whose values differ, objects walked key by key and anything else compared whole. */
    private static void diff(String path, JsonNode before, JsonNode after, boolean hidden, List<String> changes) {
        if (changes.size() >= MAX_CHANGES_PER_RESOURCE || before.equals(after)) {
            return;
        }
        if (before.isObject() && after.isObject()) {
            Set<String> keys = new TreeSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                diff(path.isEmpty() ? key : path + "." + key, child(before, key), child(after, key), hidden, changes);
            }
            return;
        }
        String where = path.isEmpty() ? "(whole object)" : path;
        changes.add(changes.size() == MAX_CHANGES_PER_RESOURCE - 1 ? "… more changes not listed"
                : hidden ? where + ": changed (sensitive)" : where + ": " + value(before) + " -> " + value(after));
    }

    private static JsonNode child(JsonNode node, String key) {
        JsonNode child = node.get(key);
        return child == null ? MissingNode.getInstance() : child;
    }

    private static String value(JsonNode node) {
        if (node.isMissingNode()) {
            return "(absent)";
        }
        return Diagnostic.cut(node.toString(), MAX_VALUE_CHARS);
    }

    private static boolean sensitive(JsonNode marks) {
        if (marks.isBoolean()) {
            return marks.booleanValue();
        }
        for (JsonNode child : marks) {
            if (sensitive(child)) {
                return true;
            }
        }
        return false;
    }
}
