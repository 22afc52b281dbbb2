package dev.agentplane.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Cursor;
import dev.agentplane.common.Ids;
import dev.agentplane.common.JsonInput;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.InvalidInputException;

/**
 * The arguments of one tool call: the operation's path parameters (ids) and its JSON body side by side in one
 * object. Every mistake is an {@link InvalidInputException} whose pointer is the argument's name, exactly as the
 * HTTP API reports a bad body field, so the tool error names the field and the fix.
 */
final class ToolArguments {
    private final ObjectNode arguments;

    ToolArguments(ObjectNode arguments) {
        this.arguments = arguments;
    }

    /** A required id argument (a UUID as the API returned it). */
    String id(String name) {
        JsonNode value = arguments.get(name);
        if (value == null || value.isNull()) {
            throw InvalidInputException.body("/" + name, "is required", "pass the id exactly as AgentPlane returned it");
        }
        if (!value.isTextual() || !Ids.isValid(value.textValue())) {
            throw InvalidInputException.body("/" + name, value + " is not a UUID",
                    "pass the id exactly as AgentPlane returned it, e.g. 0193f5e2-7c1a-7b3e-9d2f-5a1b2c3d4e5f");
        }
        return value.textValue();
    }

    /** A required, non-blank string argument. */
    String string(String name, String fix) {
        String value = optionalString(name);
        if (value == null || value.isBlank()) {
            throw InvalidInputException.body("/" + name, "is required", fix);
        }
        return value;
    }

    String optionalString(String name) {
        JsonNode value = arguments.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw InvalidInputException.body("/" + name, "is " + value.getNodeType().name().toLowerCase() + ", not a string",
                    "pass a string");
        }
        return value.textValue();
    }

    Integer optionalInteger(String name, int min, int max) {
        JsonNode value = arguments.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < min || value.intValue() > max) {
            throw InvalidInputException.body("/" + name, "is " + value + "; it must be a whole number from " + min
                    + " to " + max, "pass a whole number from " + min + " to " + max + ", or leave " + name + " out");
        }
        return value.intValue();
    }

    Boolean optionalBoolean(String name) {
        JsonNode value = arguments.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw InvalidInputException.body("/" + name, "is " + value + ", not a boolean", "pass true or false");
        }
        return value.booleanValue();
    }

    /** The {@code limit} and {@code cursor} arguments of a list. */
    PageRequest page() {
        Integer limit = optionalInteger("limit", 1, PageRequest.MAX_LIMIT);
        String cursor = optionalString("cursor");
        try {
            return new PageRequest(limit == null ? PageRequest.DEFAULT_LIMIT : limit, Cursor.decode(cursor));
        } catch (InvalidInputException e) {
            throw InvalidInputException.body("/cursor", "is not a cursor AgentPlane returned",
                    "pass next_cursor of the previous page exactly, or leave cursor out for the first page");
        }
    }

    /**
     * The arguments other than {@code besides} bound to the operation's body type: an argument the operation does
     * not know is refused, naming the known ones.
     */
    <T> T body(Class<T> type, String... besides) {
        ObjectNode body = arguments.deepCopy();
        body.remove(java.util.List.of(besides));
        return JsonInput.bind(body, type);
    }

    /** Refuses arguments outside {@code known} (for tools without a body type to bind to). */
    void onlyThese(String... known) {
        java.util.Set<String> allowed = java.util.Set.of(known);
        arguments.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw InvalidInputException.body("/" + name, "is not an argument of this tool",
                        "remove '" + name + "'; the arguments are " + java.util.List.of(known));
            }
        });
    }
}
