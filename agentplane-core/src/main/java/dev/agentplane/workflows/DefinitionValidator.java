package dev.agentplane.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Names;
import dev.agentplane.common.problems.FieldErrors;
import java.util.HashMap;
import java.util.Map;

/**
 * The checks a definition must pass before it is stored. Until the engine validates against the published
 * schema, this covers what every definition needs: a valid name and a non-empty list of uniquely named steps.
 */
final class DefinitionValidator {
    static final int MAX_NAME_LENGTH = 100;

    private final ParsedDefinition definition;
    private final FieldErrors errors;

    private DefinitionValidator(ParsedDefinition definition, FieldErrors errors) {
        this.definition = definition;
        this.errors = errors;
    }

    static void validate(ParsedDefinition definition, FieldErrors errors) {
        new DefinitionValidator(definition, errors).root(definition.tree());
    }

    private void root(JsonNode root) {
        if (!root.isObject()) {
            add("", "is not an object", "write the definition as an object with name and steps");
            return;
        }
        name(root.get("name"));
        optionalType(root, "description", JsonNode::isTextual, "a string");
        for (String member : new String[] {"inputs", "outputs", "defaults"}) {
            optionalType(root, member, JsonNode::isObject, "an object");
        }
        steps(root.get("steps"));
    }

    private void name(JsonNode name) {
        if (name == null || name.isNull() || (name.isTextual() && name.asText().isBlank())) {
            add("/name", "is required", "name the workflow, e.g. name: invoice-approval");
        } else if (!name.isTextual()) {
            add("/name", "is not a string", "write the name as a string, e.g. name: invoice-approval");
        } else if (name.asText().length() > MAX_NAME_LENGTH) {
            add("/name", "is " + name.asText().length() + " characters long; the maximum is " + MAX_NAME_LENGTH,
                    "shorten it to at most " + MAX_NAME_LENGTH + " characters");
        } else if (!Names.NAME.matcher(name.asText()).matches()) {
            add("/name", "'" + name.asText() + "' does not match " + Names.NAME.pattern(),
                    "use letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
    }

    private void steps(JsonNode steps) {
        if (steps == null || steps.isNull()) {
            add("/steps", "is required", "list the steps, e.g. steps: [{id: fetch, type: tool}]");
            return;
        }
        if (!steps.isArray() || steps.isEmpty()) {
            add("/steps", steps.isArray() ? "is empty" : "is not a list",
                    "list at least one step, e.g. steps: [{id: fetch, type: tool}]");
            return;
        }
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            String pointer = "/steps/" + i;
            JsonNode step = steps.get(i);
            if (!step.isObject()) {
                add(pointer, "is not an object", "write each step as an object with id and type");
                continue;
            }
            JsonNode id = step.get("id");
            if (stepString(pointer + "/id", id, "give the step an id unique within the workflow, e.g. id: fetch")) {
                Integer first = firstIndexOfId.putIfAbsent(id.asText(), i);
                if (first != null) {
                    add(pointer + "/id", "'" + id.asText() + "' is already the id of /steps/" + first,
                            "give every step a different id");
                }
            }
            stepString(pointer + "/type", step.get("type"), "give the step a type, e.g. type: tool");
        }
    }

    /** Checks a required non-empty string; true when it is one. */
    private boolean stepString(String pointer, JsonNode value, String fix) {
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            add(pointer, "is required", fix);
            return false;
        }
        if (!value.isTextual()) {
            add(pointer, "is not a string", fix + " (quote it in YAML if it looks like a number)");
            return false;
        }
        return true;
    }

    private void optionalType(JsonNode root, String member, java.util.function.Predicate<JsonNode> isType, String type) {
        JsonNode value = root.get(member);
        if (value != null && !value.isNull() && !isType.test(value)) {
            add("/" + member, "is not " + type, "write " + member + " as " + type + ", or leave it out");
        }
    }

    private void add(String pointer, String detail, String fix) {
        errors.add(pointer, detail + definition.at(pointer), fix);
    }
}
