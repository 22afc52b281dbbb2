package dev.agentplane.teams.tools.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one tool's section of a team YAML ({@code tools: {terminal: {...}}}). Every error is an
 * {@link IllegalArgumentException} whose message starts with the key path, e.g.
 * {@code tools.terminal.timeout_seconds must be a whole number between 1 and 3600}.
 */
public final class SettingsReader {
    private final JsonNode node;
    private final String path;

    private SettingsReader(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** A null or missing node reads as no settings (every default); an unknown key is refused, typos included. */
    public static SettingsReader of(JsonNode node, String path, Set<String> keys) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new SettingsReader(Json.object(), path);
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " must be a mapping of settings (" + String.join(", ", new TreeSet<>(keys)) + ")");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!keys.contains(name)) {
                throw new IllegalArgumentException(path + "." + name + " is not a setting; known settings: "
                        + String.join(", ", new TreeSet<>(keys)));
            }
        }
        return new SettingsReader(node, path);
    }

    public String path(String key) {
        return path + "." + key;
    }

    private boolean absent(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull();
    }

    public int integer(String key, int fallback, int min, int max) {
        if (absent(key)) {
            return fallback;
        }
        JsonNode value = node.get(key);
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw new IllegalArgumentException(path(key) + " must be a whole number between " + min + " and " + max);
        }
        return value.asInt();
    }

    public boolean bool(String key, boolean fallback) {
        if (absent(key)) {
            return fallback;
        }
        if (!node.get(key).isBoolean()) {
            throw new IllegalArgumentException(path(key) + " must be true or false");
        }
        return node.get(key).asBoolean();
    }

    /** A list of non-blank strings; absent reads as empty. */
    public List<String> strings(String key) {
        return optionalStrings(key).orElse(List.of());
    }

    /** A list of non-blank strings, or empty when the key is absent (so "absent" and "empty list" differ). */
    public Optional<List<String>> optionalStrings(String key) {
        if (absent(key)) {
            return Optional.empty();
        }
        JsonNode value = node.get(key);
        if (!value.isArray()) {
            throw new IllegalArgumentException(path(key) + " must be a list of strings");
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual() || value.get(i).asText().isBlank()) {
                throw new IllegalArgumentException(path(key) + "[" + i + "] must be a non-empty string");
            }
            items.add(value.get(i).asText());
        }
        return Optional.of(List.copyOf(items));
    }
}
