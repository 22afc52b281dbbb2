package dev.agentplane.teams.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a call's arguments against the top level of the tool's input schema (required arguments, their JSON
 * types, allowed values) before the call goes out, so the model reads which argument to fix. Deeper rules are the
 * server's to check.
 */
final class ArgumentCheck {
    private ArgumentCheck() {}

    /** The problems found, each naming its argument; empty when the arguments may be sent. */
    static List<String> problems(JsonNode arguments, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            if (!arguments.has(required.asText()) || arguments.get(required.asText()).isNull()) {
                problems.add("argument '" + required.asText() + "' is required");
            }
        }
        arguments.fields().forEachRemaining(field -> {
            JsonNode property = properties.path(field.getKey());
            String problem = typeProblem(field.getValue(), property.path("type"));
            if (problem == null && property.has("enum") && !contains(property.get("enum"), field.getValue())) {
                problem = "must be one of " + property.get("enum");
            }
            if (problem != null) {
                problems.add("argument '" + field.getKey() + "' " + problem);
            }
        });
        return problems;
    }

    private static String typeProblem(JsonNode value, JsonNode type) {
        if (type.isTextual()) {
            return matches(value, type.asText()) ? null : "must be " + article(type.asText()) + " (got "
                    + typeOf(value) + ")";
        }
        if (type.isArray() && !type.isEmpty()) {
            for (JsonNode option : type) {
                if (matches(value, option.asText())) {
                    return null;
                }
            }
            return "must be one of the types " + type + " (got " + typeOf(value) + ")";
        }
        return null;
    }

    private static boolean matches(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() % 1 == 0);
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static boolean contains(JsonNode allowed, JsonNode value) {
        for (JsonNode option : allowed) {
            if (option.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String typeOf(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isArray()) {
            return "an array";
        }
        return value.isNull() ? "null" : "an object";
    }

    private static String article(String type) {
        return switch (type) {
            case "integer", "array", "object" -> "an " + type;
            case "null" -> "null";
            default -> "a " + type;
        };
    }
}
