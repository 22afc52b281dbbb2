package dev.agentplane.workflows;

import dev.agentplane.common.Names;
import dev.agentplane.common.problems.FieldErrors;

/** The name the new workflow gets (default: the template's own name). */
public record InstantiateTemplate(String name) {
    public void validate() {
        FieldErrors errors = new FieldErrors();
        if (name != null && name.isBlank()) {
            errors.add("/name", "is empty", "leave name out to use the template's name, or give one, e.g. invoice-extraction");
        }
        errors.maxLength("/name", name, DefinitionValidator.MAX_NAME_LENGTH)
                .matches("/name", name, Names.NAME, "use letters, digits, '.', '_' and '-', starting with a letter or digit")
                .throwIfAny();
    }
}
