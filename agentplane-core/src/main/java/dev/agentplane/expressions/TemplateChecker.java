package dev.agentplane.expressions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects every problem of every expression in a template, each with the JSON pointer of its string. */
final class TemplateChecker {
    private final Expressions expressions;
    private final List<ExpressionError> errors = new ArrayList<>();

    TemplateChecker(Expressions expressions) {
        this.expressions = expressions;
    }

    List<ExpressionError> check(JsonNode template) {
        if (template != null) {
            walk(template, "");
        }
        return List.copyOf(errors);
    }

    private void walk(JsonNode node, String pointer) {
        if (node.isTextual() && TemplateString.hasExpressions(node.textValue())) {
            string(node.textValue(), pointer);
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                walk(field.getValue(), pointer + "/" + Expressions.escape(field.getKey()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i);
            }
        }
    }

    private void string(String text, String pointer) {
        TemplateString template;
        try {
            template = TemplateString.parse(text);
        } catch (ExpressionFailure e) {
            errors.add(Expressions.error(pointer, text, 0, e, SecretRedactor.none()));
            return;
        }
        for (TemplateString.Part part : template.parts()) {
            if (part instanceof TemplateString.Embedded embedded
                    && expressions.compiled(embedded.expression()) instanceof Compilation.Invalid invalid) {
                invalid.problems().forEach(problem -> errors.add(Expressions.error(
                        pointer, embedded.expression(), embedded.offset(), problem, SecretRedactor.none())));
            }
        }
    }
}
