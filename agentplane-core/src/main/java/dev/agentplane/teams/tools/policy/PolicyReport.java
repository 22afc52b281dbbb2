package dev.agentplane.teams.tools.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import java.util.Comparator;
import java.util.List;

/**
 * The outcome of checking one plan: the violations (worst first), the rules that could not be evaluated on some
 * resource (a condition that fails on an unexpected shape), and how many resource changes were checked against
 * how many rules. It passes only with neither violations nor rule errors.
 */
public record PolicyReport(List<Violation> violations, List<RuleError> errors, int resourcesChecked,
                           List<String> rules) {
    private static final int MAX_LISTED = 50;

    /** A rule whose condition or message failed on one resource, with CEL's reason. */
    public record RuleError(String rule, String address, String error) {}

    public PolicyReport {
        violations = List.copyOf(violations);
        errors = List.copyOf(errors);
        rules = List.copyOf(rules);
    }

    public boolean passed() {
        return violations.isEmpty() && errors.isEmpty();
    }

    static Comparator<Violation> worstFirst() {
        return Comparator.comparingInt((Violation v) -> -PolicyRule.SEVERITIES.indexOf(v.severity()))
                .thenComparing(Violation::address).thenComparing(Violation::rule);
    }

    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(passed() ? "Policy check passed: " : "Policy check FAILED: ").append(violations.size())
                .append(" violation(s)").append(errors.isEmpty() ? "" : " and " + errors.size() + " rule error(s)")
                .append(" in ").append(resourcesChecked).append(" changed resource(s) checked against ")
                .append(rules.size()).append(" rule(s).");
        violations.stream().limit(MAX_LISTED).forEach(v -> text.append("\n- ").append(v.describe()));
        if (violations.size() > MAX_LISTED) {
            text.append("\n… and ").append(violations.size() - MAX_LISTED).append(" more violations");
        }
        errors.stream().limit(MAX_LISTED).forEach(e -> text.append("\n- rule ").append(e.rule())
                .append(" could not be evaluated on ").append(e.address()).append(": ").append(e.error()));
        return text.toString();
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("passed", passed()).put("resources_checked", resourcesChecked);
        rules.forEach(json.putArray("rules")::add);
        json.set("violations", Json.MAPPER.valueToTree(violations));
        json.set("errors", Json.MAPPER.valueToTree(errors));
        return json;
    }
}
