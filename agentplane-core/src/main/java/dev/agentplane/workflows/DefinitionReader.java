package dev.agentplane.workflows;

import dev.agentplane.common.problems.FieldErrors;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.common.yaml.LocatedYaml;
import dev.agentplane.common.yaml.YamlSyntaxException;

/** Reads definition text with {@link LocatedYaml}, turning what it finds into the API's field errors. */
final class DefinitionReader {
    private DefinitionReader() {}

    /** Parses {@code text}; throws 400 on a syntax error, and adds structural problems to {@code errors}. */
    static ParsedDefinition read(WorkflowFormat format, String text, FieldErrors errors) {
        LocatedYaml.Syntax syntax = format == WorkflowFormat.YAML ? LocatedYaml.Syntax.YAML : LocatedYaml.Syntax.JSON;
        LocatedYaml located;
        try {
            located = LocatedYaml.read(syntax, text, (pointer, line, detail, fix) -> errors.add(pointer, detail, fix));
        } catch (YamlSyntaxException e) {
            throw InvalidInputException.body(e.pointer(), e.detail(), e.fix());
        }
        if (located.tree().isMissingNode()) {
            throw InvalidInputException.body("", "is empty", "send a " + format + " object with name and steps");
        }
        return new ParsedDefinition(located);
    }
}
