package dev.agentplane.teams.tools.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The built-in pack, read once from {@code builtin-rules.yaml} beside this class (also what the docs show). */
final class BuiltinRules {
    static final List<PolicyRule> ALL = load();

    private BuiltinRules() {}

    static List<String> ids() {
        return ALL.stream().map(PolicyRule::id).toList();
    }

    private static List<PolicyRule> load() {
        try (InputStream in = BuiltinRules.class.getResourceAsStream("builtin-rules.yaml")) {
            if (in == null) {
                throw new IllegalStateException("builtin-rules.yaml is missing from the classpath");
            }
            List<PolicyRule> rules = new ArrayList<>();
            for (JsonNode rule : Json.YAML.readTree(in)) {
                String id = rule.path("id").asText();
                try {
                    rules.add(PolicyRule.of(id, rule.path("description").asText(), rule.path("severity").asText(),
                            rule.path("condition").asText(), Optional.ofNullable(rule.get("message"))
                                    .map(JsonNode::asText)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("built-in rule " + id + ": " + e.getMessage(), e);
                }
            }
            return List.copyOf(rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
