package dev.agentplane.teams.tools.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.expressions.JsonToCel;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Evaluates every rule on every changed resource of a plan ({@code terraform show -json}). */
final class PolicyCheck {
    private PolicyCheck() {}

    static PolicyReport run(List<PolicyRule> rules, List<String> requiredTags, JsonNode plan) {
        Object tags = JsonToCel.value(Json.MAPPER.valueToTree(requiredTags));
        List<Violation> violations = new ArrayList<>();
        List<PolicyReport.RuleError> errors = new ArrayList<>();
        int checked = 0;
        for (JsonNode change : plan.path("resource_changes")) {
            if (!ResourceChange.checked(change)) {
                continue;
            }
            checked++;
            ObjectNode view = ResourceChange.view(change);
            String address = view.path("address").asText();
            Map<String, Object> variables = Map.of(PolicyCel.RESOURCE, JsonToCel.value(view),
                    PolicyCel.REQUIRED_TAGS, tags);
            for (PolicyRule rule : rules) {
                try {
                    Object result = PolicyCel.evaluate(rule.conditionProgram(), variables);
                    if (!(result instanceof Boolean violated)) {
                        errors.add(new PolicyReport.RuleError(rule.id(), address,
                                "the condition returned " + result + ", not true or false"));
                    } else if (violated) {
                        violations.add(new Violation(rule.id(), rule.severity(), address,
                                message(rule, variables)));
                    }
                } catch (CelEvaluationException | RuntimeException e) {
                    errors.add(new PolicyReport.RuleError(rule.id(), address, reason(e)));
                }
            }
        }
        violations.sort(PolicyReport.worstFirst());
        return new PolicyReport(violations, errors, checked, rules.stream().map(PolicyRule::id).toList());
    }

    private static String message(PolicyRule rule, Map<String, Object> variables) {
        if (rule.messageProgram().isEmpty()) {
            return rule.description();
        }
        try {
            return String.valueOf(PolicyCel.evaluate(rule.messageProgram().get(), variables));
        } catch (CelEvaluationException | RuntimeException e) {
            return rule.description() + " (its message failed: " + reason(e) + ")";
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.replaceFirst("^evaluation error(?: at [^:]*:\\d+)?: ", "")
                .replaceFirst("\\. Overload candidates: .*", " (the values have types it cannot compare or combine)");
    }
}
