package dev.agentplane.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Names;
import dev.agentplane.common.problems.FieldErrors;
import dev.agentplane.workflows.definition.DefinitionParser;
import dev.agentplane.workflows.definition.WorkflowDefinition;

/**
 * The checks a definition must pass before it is stored: a valid name, and everything {@link DefinitionParser}
 * checks (step types and their fields, unique step ids, retry, timeouts, error handling), each problem reported
 * with its JSON pointer and, for YAML, its line.
 */
final class DefinitionValidator {
    static final int MAX_NAME_LENGTH = 100;

    private final ParsedDefinition definition;
    private final FieldErrors errors;

    private DefinitionValidator(ParsedDefinition definition, FieldErrors errors) {
        this.definition = definition;
        this.errors = errors;
    }

    /** The parsed definition, or null when {@code errors} got a problem. */
    static WorkflowDefinition validate(ParsedDefinition definition, FieldErrors errors) {
        return new DefinitionValidator(definition, errors).root(definition.tree());
    }

    private WorkflowDefinition root(JsonNode root) {
        if (root.isObject()) {
            name(root.get("name"));
        }
        return DefinitionParser.parse(root, this::add);
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

    private void add(String pointer, String detail, String fix) {
        errors.add(pointer, detail + definition.at(pointer), fix);
    }
}
