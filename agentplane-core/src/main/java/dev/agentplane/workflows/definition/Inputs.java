package dev.agentplane.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.FieldErrors;
import java.util.Map;

/**
 * Checks the input an execution is started with against the workflow's declared inputs and fills in defaults. A
 * workflow that declares no inputs takes any input as it is.
 */
public final class Inputs {
    private Inputs() {}

    /** The effective input; 400 naming {@code /input/<name>} for a missing, unknown or mistyped input. */
    public static JsonNode resolve(String workflow, Map<String, InputSpec> declared, JsonNode given) {
        if (declared.isEmpty()) {
            return given == null || given.isNull() ? Json.object() : given;
        }
        FieldErrors errors = new FieldErrors();
        if (given != null && !given.isNull() && !given.isObject()) {
            errors.add("/input", "is not an object", "pass the inputs of workflow '" + workflow + "' as an object: "
                    + declared.keySet()).throwIfAny();
        }
        ObjectNode input = given == null || given.isNull() ? Json.object() : ((ObjectNode) given).deepCopy();
        input.fieldNames().forEachRemaining(name -> {
            if (!declared.containsKey(name)) {
                errors.add("/input/" + name, "is not an input of workflow '" + workflow + "'",
                        "remove it, or use one of " + declared.keySet());
            }
        });
        declared.forEach((name, spec) -> {
            JsonNode value = input.get(name);
            if (value == null || value.isNull()) {
                if (spec.defaultValue() != null) {
                    input.set(name, spec.defaultValue());
                } else if (spec.required()) {
                    errors.add("/input/" + name, "is required", "pass " + name + " (" + spec.type() + ")"
                            + (spec.description() == null ? "" : ": " + spec.description()));
                }
            } else if (!matches(spec.type(), value)) {
                errors.add("/input/" + name, "is a " + value.getNodeType().name().toLowerCase() + ", not a " + spec.type(),
                        "pass " + name + " as a " + spec.type());
            }
        });
        errors.throwIfAny();
        return input;
    }

    private static boolean matches(String type, JsonNode value) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> true;
        };
    }
}
