package dev.agentplane.interpret.schema;

import java.util.List;

/** The fields an interpret call asks for, read from the shorthand or a JSON Schema. */
public record InterpretSchema(List<FieldSpec> fields) {
    public InterpretSchema {
        fields = List.copyOf(fields);
    }

    public List<FieldSpec> leaves() {
        return fields.stream().flatMap(field -> field.leaves().stream()).toList();
    }
}
