package dev.agentplane.teams.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a response as the model reads it: text in its charset; JSON re-indented compactly (two spaces,
 * arrays of plain values on one line) so it costs few tokens yet stays readable; anything binary only described.
 */
final class ResponseText {
    private static final Pattern CHARSET = Pattern.compile("charset=\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final int INLINE_ARRAY_CHARS = 100;

    private ResponseText() {}

    static String of(String contentType, byte[] body, boolean truncated) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (body.length == 0) {
            return "";
        }
        if (!isText(type, body)) {
            return "(a binary body of " + body.length + " bytes" + (type.isEmpty() ? "" : ", " + contentType) + "; not shown)";
        }
        String text = new String(body, charset(contentType));
        if (!truncated && (type.contains("/json") || type.contains("+json"))) {
            try {
                return render(Json.MAPPER.readTree(text), "");
            } catch (IOException notJson) {
                return text;
            }
        }
        return text;
    }

    private static boolean isText(String type, byte[] body) {
        if (type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.contains("javascript")
                || type.contains("yaml") || type.contains("x-www-form-urlencoded") || type.contains("csv")) {
            return true;
        }
        if (!type.isEmpty() && !type.startsWith("application/octet-stream")) {
            return false;
        }
        for (int i = 0; i < Math.min(body.length, 8192); i++) {
            if (body[i] == 0) {
                return false;
            }
        }
        return true;
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            Matcher matcher = CHARSET.matcher(contentType);
            if (matcher.find()) {
                try {
                    return Charset.forName(matcher.group(1));
                } catch (RuntimeException unknown) {
                    // fall back to UTF-8
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    static String render(JsonNode node, String indent) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                return "{}";
            }
            StringBuilder out = new StringBuilder("{");
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append('\n').append(indent).append("  ").append(Json.write(field.getKey())).append(": ")
                        .append(render(field.getValue(), indent + "  ")).append(fields.hasNext() ? "," : "");
            }
            return out.append('\n').append(indent).append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder inline = new StringBuilder("[");
            boolean plain = true;
            for (JsonNode item : node) {
                plain &= item.isValueNode();
                inline.append(inline.length() > 1 ? ", " : "").append(Json.write(item));
            }
            if (node.isEmpty() || plain && inline.length() < INLINE_ARRAY_CHARS) {
                return inline.append(']').toString();
            }
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                out.append('\n').append(indent).append("  ").append(render(node.get(i), indent + "  "))
                        .append(i < node.size() - 1 ? "," : "");
            }
            return out.append('\n').append(indent).append(']').toString();
        }
        return Json.write(node);
    }
}
