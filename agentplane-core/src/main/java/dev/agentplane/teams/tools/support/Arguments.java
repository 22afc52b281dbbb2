package dev.agentplane.teams.tools.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The arguments of one tool call, read by name with errors that name the argument and say what it must be. */
public final class Arguments {
    private final JsonNode node;

    private Arguments(JsonNode node) {
        this.node = node;
    }

    /** Null arguments read as none; anything but an object, or an argument outside {@code known}, is refused. */
    public static Arguments of(JsonNode arguments, Set<String> known) {
        JsonNode node = arguments == null || arguments.isNull() || arguments.isMissingNode() ? Json.object() : arguments;
        if (!node.isObject()) {
            throw new ToolArgumentException("the arguments must be a JSON object, e.g. {\"" + new TreeSet<>(known).first()
                    + "\": ...}");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new ToolArgumentException("unknown argument '" + name + "'; this tool takes: "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
        return new Arguments(node);
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    public JsonNode get(String name) {
        return has(name) ? node.get(name) : null;
    }

    public String requiredString(String name) {
        return optionalString(name).orElseThrow(() -> new ToolArgumentException("argument '" + name + "' is required"));
    }

    public Optional<String> optionalString(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        if (!node.get(name).isTextual()) {
            throw new ToolArgumentException("argument '" + name + "' must be a string");
        }
        return Optional.of(node.get(name).asText());
    }

    public Optional<Integer> optionalInteger(String name, int min, int max) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw new ToolArgumentException("argument '" + name + "' must be a whole number between " + min + " and " + max);
        }
        return Optional.of(value.asInt());
    }

    public boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        if (!node.get(name).isBoolean()) {
            throw new ToolArgumentException("argument '" + name + "' must be true or false");
        }
        return node.get(name).asBoolean();
    }

    /** Refuses an argument the chosen operation does not use, rather than silently ignoring it. */
    public void refuse(String name, String why) {
        if (has(name)) {
            throw new ToolArgumentException("argument '" + name + "' " + why);
        }
    }
}
