package dev.agentplane.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.agentplane.common.problems.InvalidInputException;
import java.util.stream.Collectors;

/** Turns untrusted JSON into request records, reporting any mismatch as a 400 naming the field and the fix. */
public final class JsonInput {
    private JsonInput() {}

    public static <T> T bind(JsonNode body, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonProcessingException cause) {
                throw invalid(cause);
            }
            throw InvalidInputException.body("", e.getMessage(), "check the request body against the API reference at /docs");
        }
    }

    public static InvalidInputException invalid(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException limit) {
            return InvalidInputException.body("", "exceeds a limit of the JSON reader: " + limit.getOriginalMessage(),
                    "nest arrays and objects at most " + Json.MAX_NESTING_DEPTH + " levels deep");
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return InvalidInputException.body("", "is not valid JSON: " + e.getOriginalMessage(),
                    "send a well-formed JSON document");
        }
        String pointer = pointer(mapping);
        return switch (mapping) {
            case UnrecognizedPropertyException unknown -> InvalidInputException.body(pointer,
                    "is not a field of this request", "remove '" + unknown.getPropertyName() + "'; known fields are "
                            + unknown.getKnownPropertyIds());
            case InvalidFormatException format -> InvalidInputException.body(pointer,
                    "has the wrong type or format (" + format.getValue() + ")",
                    "send a " + describe(format.getTargetType()));
            case MismatchedInputException mismatch -> InvalidInputException.body(pointer,
                    "has the wrong type", "send a " + describe(mismatch.getTargetType()));
            default -> InvalidInputException.body(pointer, mapping.getOriginalMessage(),
                    "check the field against the API reference at /docs");
        };
    }

    private static String pointer(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .map(part -> "/" + part.replace("~", "~0").replace("/", "~1"))
                .collect(Collectors.joining());
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "value of the documented type";
        }
        if (type == String.class) {
            return "string";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == double.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean (true or false)";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "JSON array";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "JSON object";
    }
}
