package dev.agentplane.interpret;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.interpret.schema.FieldSpec;
import dev.agentplane.interpret.schema.FieldType;
import java.util.List;

/**
 * The JSON Schema a model answers with: one property per field asked (named by its dotted path), each nullable
 * ("not in the data") and described in the normalized form interpret returns.
 */
final class FieldSchemas {
    private FieldSchemas() {}

    static ObjectNode of(List<FieldSpec> fields) {
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (FieldSpec field : fields) {
            properties.set(field.path(), property(field));
            required.add(field.path());
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode property(FieldSpec field) {
        ObjectNode property = Json.MAPPER.createObjectNode();
        String hint = switch (field.type()) {
            case STRING -> "text as written";
            case NUMBER -> "a number";
            case INTEGER -> "a whole number";
            case BOOLEAN -> "true or false";
            case EMAIL -> "an e-mail address";
            case PHONE -> "a phone number in E.164, e.g. +14155550123";
            case URL -> "a URL";
            case DATE -> "a date as YYYY-MM-DD";
            case DATETIME -> "a date and time in ISO 8601 with offset, e.g. 2024-03-03T14:30:00Z";
            case CURRENCY -> "an amount of money";
            case ENUM -> "one of " + field.enumValues();
            case ARRAY -> "a list";
            case OBJECT -> "an object";
        };
        String description = field.description() == null ? hint : field.description() + " (" + hint + ")";
        property.put("description", description + "; null when the data does not say");
        switch (field.type()) {
            case NUMBER, INTEGER -> {
                property.set("type", types(field.type() == FieldType.NUMBER ? "number" : "integer"));
                if (!field.enumValues().isEmpty()) {
                    ArrayNode values = property.putArray("enum");
                    field.enumValues().forEach(value -> values.add(Json.MAPPER.getNodeFactory().numberNode(new java.math.BigDecimal(value))));
                    values.addNull();
                }
            }
            case BOOLEAN -> property.set("type", types("boolean"));
            case CURRENCY -> {
                property.set("type", types("object"));
                ObjectNode money = property.putObject("properties");
                money.putObject("amount").put("type", "number");
                money.putObject("currency").put("type", "string").put("description", "ISO 4217 code, e.g. USD");
                property.putArray("required").add("amount").add("currency");
            }
            case ARRAY -> {
                property.set("type", types("array"));
                property.set("items", property(field.items()).without("description"));
            }
            case ENUM -> {
                property.set("type", types("string"));
                ArrayNode values = property.putArray("enum");
                field.enumValues().forEach(values::add);
                values.addNull();
            }
            default -> property.set("type", types("string"));
        }
        return property;
    }

    private static ArrayNode types(String type) {
        return Json.MAPPER.createArrayNode().add(type).add("null");
    }
}
