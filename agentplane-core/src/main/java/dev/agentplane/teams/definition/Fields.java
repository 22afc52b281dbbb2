package dev.agentplane.teams.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.yaml.LocatedYaml;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Typed reads of a team file's fields. Each returns null when the field is absent, or when it is wrong, after
 * recording an error that says what the field must be; so one pass finds every mistake.
 */
final class Fields {
    private final TeamSource source;

    Fields(TeamSource source) {
        this.source = source;
    }

    TeamSource source() {
        return source;
    }

    /** Every key of the mapping at {@code pointer} must be one of {@code allowed}; near misses get a suggestion. */
    void onlyKnown(String pointer, JsonNode mapping, Collection<String> allowed, String what) {
        mapping.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                String suggestion = NearMatch.suggestion(key, allowed);
                source.error(pointer + "/" + LocatedYaml.escape(key), "is not a field of " + what
                        + (suggestion.isEmpty() ? "; the fields are " + String.join(", ", new TreeSet<>(allowed)) : suggestion));
            }
        });
    }

    /** A mapping, or null (recording an error when something else is written). */
    JsonNode mapping(String pointer, String example) {
        JsonNode node = source.node(pointer);
        if (node != null && !node.isObject()) {
            source.error(pointer, "must be a mapping, e.g. " + example + ", not " + describe(node));
            return null;
        }
        return node;
    }

    /** A list, or null (recording an error when something else is written). */
    JsonNode list(String pointer, String example) {
        JsonNode node = source.node(pointer);
        if (node != null && !node.isArray()) {
            source.error(pointer, "must be a list, e.g. " + example + ", not " + describe(node));
            return null;
        }
        return node;
    }

    String text(String pointer) {
        JsonNode node = source.node(pointer);
        if (node != null && !node.isTextual()) {
            source.error(pointer, "must be text, not " + describe(node));
            return null;
        }
        return node == null ? null : node.asText();
    }

    String requiredText(String pointer, String example) {
        JsonNode node = source.node(pointer);
        if (node == null || (node.isTextual() && node.asText().isBlank())) {
            source.error(pointer, "is required, e.g. " + example);
            return null;
        }
        return text(pointer);
    }

    /** Text as written; a number (an unquoted {@code version: 1.0}) is read as its text. */
    String textOrNumber(String pointer) {
        JsonNode node = source.node(pointer);
        if (node != null && node.isNumber()) {
            return node.asText();
        }
        return text(pointer);
    }

    Integer wholeNumber(String pointer, int min, int max) {
        JsonNode node = source.node(pointer);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            source.error(pointer, "must be a whole number between " + min + " and " + max + ", not " + describe(node));
            return null;
        }
        return node.asInt();
    }

    Double number(String pointer, double min, double max) {
        JsonNode node = source.node(pointer);
        if (node == null) {
            return null;
        }
        if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
            source.error(pointer, "must be a number between " + plain(min) + " and " + plain(max) + ", not " + describe(node));
            return null;
        }
        return node.asDouble();
    }

    Boolean bool(String pointer) {
        JsonNode node = source.node(pointer);
        if (node != null && !node.isBoolean()) {
            source.error(pointer, "must be true or false, not " + describe(node));
            return null;
        }
        return node == null ? null : node.asBoolean();
    }

    /** The value as the author wrote it, short: {@code 'ten'}, {@code 1001}, {@code a list}. */
    static String describe(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            return "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.toString();
    }

    static String join(List<String> names) {
        return String.join(", ", names);
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
