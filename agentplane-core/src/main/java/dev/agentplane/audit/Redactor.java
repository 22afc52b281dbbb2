package dev.agentplane.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces secrets before they are stored: any value (a whole object or array too) under a secret-looking field
 * name, and any string that looks like an AgentPlane key or request-signing secret. Usage counters such as
 * tokens_in are not secrets.
 */
public final class Redactor {
    /** What replaces a secret, here and in {@link dev.agentplane.expressions.SecretRedactor}. */
    public static final String REDACTED = "[REDACTED]";
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[_-]?key|authorization|credential|private[_-]?key).*");
    private static final Pattern TOKEN_COUNT = Pattern.compile("(?i)(max_)?tokens?(_\\w+)?");
    /** An API key ({@code ap_<id>_<secret>}) or a request-signing secret ({@code aps_<secret>}). */
    private static final Pattern API_KEY_VALUE = Pattern.compile("ap_[0-9a-f]{32}_[A-Za-z0-9_-]{20,}|aps_[A-Za-z0-9_-]{40,}");

    private Redactor() {}

    /** Returns a redacted deep copy; the input is untouched. */
    public static JsonNode redact(JsonNode node) {
        if (node == null) {
            return null;
        }
        JsonNode copy = node.deepCopy();
        redactInPlace(copy);
        return copy;
    }

    /** Free text (an event's message) keeps everything but what looks like an AgentPlane key. */
    public static String redactText(String text) {
        return text == null ? null : API_KEY_VALUE.matcher(text).replaceAll(REDACTED);
    }

    /** A secret-named field holds a secret, unless it is a token count such as tokens_in: 120. */
    private static boolean isSecret(String name, JsonNode value) {
        return SECRET_NAME.matcher(name).matches() && !value.isNull()
                && !(value.isNumber() && TOKEN_COUNT.matcher(name).matches());
    }

    private static void redactInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (isSecret(field.getKey(), field.getValue())
                        || field.getValue().isTextual() && API_KEY_VALUE.matcher(field.getValue().asText()).find()) {
                    field.setValue(TextNode.valueOf(REDACTED));
                } else {
                    redactInPlace(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual() && API_KEY_VALUE.matcher(array.get(i).asText()).find()) {
                    array.set(i, TextNode.valueOf(REDACTED));
                } else {
                    redactInPlace(array.get(i));
                }
            }
        }
    }
}
