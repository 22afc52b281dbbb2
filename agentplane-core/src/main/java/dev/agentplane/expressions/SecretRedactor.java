package dev.agentplane.expressions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.audit.Redactor;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replaces every occurrence of a secret's value inside any string (object keys too) with
 * {@link Redactor#REDACTED}, the marker the audit {@link Redactor} uses for values under secret-looking field
 * names. The two complement each other: this one knows the values, that one the names. Values shorter than
 * {@link #MIN_SECRET_LENGTH} are not searched for, since they would blank out ordinary words and numbers.
 * Transformed secrets (base64, upper case…) are not found here; {@link Rendered#redacted()} covers those for
 * values computed by expressions.
 */
public final class SecretRedactor {
    public static final int MIN_SECRET_LENGTH = 4;
    private static final SecretRedactor NONE = new SecretRedactor(List.of());

    private final List<String> values;

    private SecretRedactor(List<String> values) {
        this.values = values;
    }

    public static SecretRedactor of(Map<String, String> secrets) {
        return of(secrets.values());
    }

    public static SecretRedactor of(Collection<String> secretValues) {
        // Longest first, so a secret containing another is replaced whole.
        List<String> searched = secretValues.stream().filter(Objects::nonNull)
                .filter(value -> value.length() >= MIN_SECRET_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        return searched.isEmpty() ? NONE : new SecretRedactor(searched);
    }

    public static SecretRedactor none() {
        return NONE;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String value : values) {
            if (result.contains(value)) {
                result = result.replace(value, Redactor.REDACTED);
            }
        }
        return result;
    }

    /**
     * The node itself when no secret occurs in it, else a copy with every occurrence replaced; the copy shares
     * the subtrees that held no secret with the original.
     */
    public JsonNode redact(JsonNode node) {
        if (node == null || values.isEmpty()) {
            return node;
        }
        if (node.isTextual()) {
            String redacted = redact(node.textValue());
            return redacted.equals(node.textValue()) ? node : JsonNodeFactory.instance.textNode(redacted);
        }
        if (node instanceof ObjectNode object) {
            return redactObject(object);
        }
        if (node instanceof ArrayNode array) {
            return redactArray(array);
        }
        return node;
    }

    private JsonNode redactObject(ObjectNode object) {
        ObjectNode copy = null;
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String key = redact(field.getKey());
            JsonNode value = redact(field.getValue());
            if (copy == null && (!key.equals(field.getKey()) || value != field.getValue())) {
                copy = JsonNodeFactory.instance.objectNode();
                for (Map.Entry<String, JsonNode> earlier : object.properties()) {
                    if (earlier.getKey().equals(field.getKey())) {
                        break;
                    }
                    copy.set(earlier.getKey(), earlier.getValue());
                }
            }
            if (copy != null) {
                copy.set(key, value);
            }
        }
        return copy == null ? object : copy;
    }

    private JsonNode redactArray(ArrayNode array) {
        ArrayNode copy = null;
        for (int i = 0; i < array.size(); i++) {
            JsonNode value = redact(array.get(i));
            if (copy == null && value != array.get(i)) {
                copy = JsonNodeFactory.instance.arrayNode(array.size());
                for (int j = 0; j < i; j++) {
                    copy.add(array.get(j));
                }
            }
            if (copy != null) {
                copy.add(value);
            }
        }
        return copy == null ? array : copy;
    }
}
