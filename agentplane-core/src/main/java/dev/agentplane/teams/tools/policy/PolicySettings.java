package dev.agentplane.teams.tools.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code tools.policy} section of a team: the tags every taggable resource must carry, custom rules, and
 * built-in rules turned off. {@code rules} is what runs: the enabled built-ins, then the custom rules. A custom
 * rule may take the id of a built-in rule it replaces, provided that one is disabled.
 */
public record PolicySettings(List<String> requiredTags, List<PolicyRule> rules) {
    public static final List<String> DEFAULT_REQUIRED_TAGS = List.of("owner", "environment");
    private static final Set<String> KEYS = Set.of("required_tags", "rules", "disable");
    private static final Set<String> RULE_KEYS = Set.of("id", "description", "severity", "condition", "message");

    public PolicySettings {
        requiredTags = List.copyOf(requiredTags);
        rules = List.copyOf(rules);
    }

    public static PolicySettings defaults() {
        return new PolicySettings(DEFAULT_REQUIRED_TAGS, BuiltinRules.ALL);
    }

    /** The ids of the built-in rules, in the order they run. */
    public static List<String> builtinRuleIds() {
        return BuiltinRules.ids();
    }

    public static PolicySettings from(JsonNode node, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return defaults();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " must be an object with the keys disable, required_tags, rules");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!KEYS.contains(field.getKey())) {
                throw new IllegalArgumentException(path + "." + field.getKey() + " is not a setting of policy; use "
                        + "one of disable, required_tags, rules");
            }
        }
        List<String> requiredTags = node.has("required_tags") && !node.get("required_tags").isNull()
                ? strings(node.get("required_tags"), path + ".required_tags") : DEFAULT_REQUIRED_TAGS;
        Set<String> disabled = new HashSet<>();
        if (node.hasNonNull("disable")) {
            List<String> ids = strings(node.get("disable"), path + ".disable");
            for (int i = 0; i < ids.size(); i++) {
                if (!BuiltinRules.ids().contains(ids.get(i))) {
                    throw new IllegalArgumentException(path + ".disable[" + i + "]: '" + ids.get(i) + "' is not a "
                            + "built-in rule; the built-in rules are " + String.join(", ", BuiltinRules.ids()));
                }
                disabled.add(ids.get(i));
            }
        }
        List<PolicyRule> rules = new ArrayList<>(BuiltinRules.ALL.stream()
                .filter(rule -> !disabled.contains(rule.id())).toList());
        JsonNode custom = node.get("rules");
        if (custom != null && !custom.isNull()) {
            if (!custom.isArray()) {
                throw new IllegalArgumentException(path + ".rules must be a list of rules, each with id, "
                        + "description, severity, condition and optionally message");
            }
            for (int i = 0; i < custom.size(); i++) {
                PolicyRule rule = rule(custom.get(i), path + ".rules[" + i + "]");
                if (rules.stream().anyMatch(existing -> existing.id().equals(rule.id()))) {
                    throw new IllegalArgumentException(path + ".rules[" + i + "] (rule '" + rule.id() + "'): the id "
                            + "is already taken" + (BuiltinRules.ids().contains(rule.id()) ? " by a built-in rule; "
                            + "to replace it, also add it to " + path + ".disable" : " by another rule"));
                }
                rules.add(rule);
            }
        }
        return new PolicySettings(requiredTags, rules);
    }

    private static PolicyRule rule(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " must be an object with id, description, severity, "
                    + "condition and optionally message");
        }
        String id = node.path("id").isTextual() ? node.get("id").textValue() : null;
        String where = id == null ? path : path + " (rule '" + id + "')";
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!RULE_KEYS.contains(field.getKey())) {
                throw new IllegalArgumentException(where + "." + field.getKey() + " is not a rule key; use id, "
                        + "description, severity, condition, message");
            }
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException(where + "." + field.getKey() + " must be a string");
            }
        }
        try {
            return PolicyRule.of(id, node.path("description").asText(null), node.path("severity").asText("medium"),
                    node.path("condition").asText(null), Optional.ofNullable(node.get("message"))
                            .map(JsonNode::textValue));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static List<String> strings(JsonNode node, String path) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(path + " must be a list of strings");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual() || node.get(i).textValue().isBlank()) {
                throw new IllegalArgumentException(path + "[" + i + "] must be a non-empty string");
            }
            values.add(node.get(i).textValue());
        }
        return List.copyOf(values);
    }
}
