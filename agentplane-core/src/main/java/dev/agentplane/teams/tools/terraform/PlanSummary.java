package dev.agentplane.teams.tools.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved plan in a few lines: the resource addresses per action, read from the {@code resource_changes} of
 * {@code terraform show -json}, and the outputs it changes. A replacement (delete and create, in either order)
 * counts as a replace only, not as an add and a destroy; {@code read} (data sources) and {@code forget} (removed
 * blocks) are listed when present. {@code plan} is the file name to apply.
 */
public record PlanSummary(String plan, Map<String, List<String>> resources, List<String> changedOutputs) {
    public static final String ADD = "add";
    public static final String CHANGE = "change";
    public static final String DESTROY = "destroy";
    public static final String REPLACE = "replace";
    public static final String NO_OP = "no-op";
    private static final List<String> ORDER = List.of(ADD, CHANGE, DESTROY, REPLACE, NO_OP, "read", "forget");
    private static final int MAX_LISTED = 40;

    public PlanSummary {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        resources.forEach((action, addresses) -> copy.put(action, List.copyOf(addresses)));
        resources = java.util.Collections.unmodifiableMap(copy);
        changedOutputs = List.copyOf(changedOutputs);
    }

    static PlanSummary of(String plan, JsonNode show) {
        Map<String, List<String>> resources = new LinkedHashMap<>();
        ORDER.forEach(action -> resources.put(action, new ArrayList<>()));
        for (JsonNode change : show.path("resource_changes")) {
            resources.computeIfAbsent(action(change.path("change").path("actions")), a -> new ArrayList<>())
                    .add(change.path("address").asText());
        }
        List<String> outputs = new ArrayList<>();
        show.path("output_changes").properties().forEach(output -> {
            if (!action(output.getValue().path("actions")).equals(NO_OP)) {
                outputs.add(output.getKey());
            }
        });
        return new PlanSummary(plan, resources, outputs);
    }

    static String action(JsonNode actions) {
        List<String> names = new ArrayList<>();
        actions.forEach(a -> names.add(a.asText()));
        if (names.contains("delete") && names.contains("create")) {
            return REPLACE;
        }
        if (names.size() != 1) {
            return String.join("+", names);
        }
        return switch (names.getFirst()) {
            case "create" -> ADD;
            case "update" -> CHANGE;
            case "delete" -> DESTROY;
            default -> names.getFirst();
        };
    }

    public int count(String action) {
        return resources.getOrDefault(action, List.of()).size();
    }

    /** Whether applying it would change any resource or output. */
    public boolean hasChanges() {
        return resources.entrySet().stream().anyMatch(e -> !e.getKey().equals(NO_OP) && !e.getKey().equals("read")
                && !e.getValue().isEmpty()) || !changedOutputs.isEmpty();
    }

    public String describe() {
        StringBuilder text = new StringBuilder("Plan ").append(plan).append(": ")
                .append(count(ADD)).append(" to add, ").append(count(CHANGE)).append(" to change, ")
                .append(count(DESTROY)).append(" to destroy, ").append(count(REPLACE)).append(" to replace, ")
                .append(count(NO_OP)).append(" unchanged.");
        resources.forEach((action, addresses) -> {
            if (!addresses.isEmpty() && !action.equals(NO_OP)) {
                text.append('\n').append(action).append(": ").append(list(addresses));
            }
        });
        if (!changedOutputs.isEmpty()) {
            text.append("\noutputs changing: ").append(list(changedOutputs));
        }
        return text.toString();
    }

    private static String list(List<String> items) {
        if (items.size() <= MAX_LISTED) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, MAX_LISTED)) + " … and " + (items.size() - MAX_LISTED) + " more";
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("plan", plan);
        ObjectNode counts = json.putObject("counts");
        resources.forEach((action, addresses) -> counts.put(action, addresses.size()));
        ObjectNode byAction = json.putObject("resources");
        resources.forEach((action, addresses) -> addresses.forEach(byAction.putArray(action)::add));
        changedOutputs.forEach(json.putArray("changed_outputs")::add);
        json.put("has_changes", hasChanges());
        return json;
    }
}
