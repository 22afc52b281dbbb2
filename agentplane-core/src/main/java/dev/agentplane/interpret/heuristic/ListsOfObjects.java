package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.interpret.schema.FieldSpec;
import dev.agentplane.interpret.schema.InterpretSchema;
import dev.agentplane.interpret.values.InterpretOptions;
import java.util.Optional;

/** A list of objects from another system read as the schema's item object, one element at a time. */
final class ListsOfObjects {
    private ListsOfObjects() {}

    /** Each object of a labelled list read as the schema's item object ({"lines": [{"sku": …, "qty": …}]}). */
    static Optional<JsonNode> read(FieldSpec field, JsonNode raw, InterpretOptions options) {
        if (!raw.isArray() || raw.isEmpty()) {
            return Optional.empty();
        }
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (JsonNode element : raw) {
            if (!element.isObject()) {
                return Optional.empty();
            }
            Extraction item = HeuristicInterpreter.interpret(new InterpretSchema(field.items().fields().stream()
                    .map(sub -> rebase(sub, field.items().path())).toList()), element, options);
            ObjectNode object = Json.MAPPER.createObjectNode();
            item.values().forEach(object::set);
            if (object.isEmpty()) {
                return Optional.empty();
            }
            items.add(object);
        }
        return Optional.of(items);
    }

    private static FieldSpec rebase(FieldSpec field, String parent) {
        String path = field.path().startsWith(parent + ".") ? field.path().substring(parent.length() + 1) : field.path();
        return new FieldSpec(field.name(), path, field.type(), field.description(), field.required(), field.enumValues(),
                field.pattern(), field.minimum(), field.maximum(), field.minLength(), field.maxLength(), field.items(),
                field.fields());
    }
}
