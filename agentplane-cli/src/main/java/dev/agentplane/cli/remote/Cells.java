package dev.agentplane.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import java.util.regex.Pattern;

/** How a JSON value reads in a table cell: times to the second, nested values as compact JSON, one line. */
final class Cells {
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    static final int MAX_WIDTH = 48;

    private Cells() {}

    static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "-";
        }
        if (value.isTextual()) {
            String text = value.asText();
            return TIMESTAMP.matcher(text).matches() ? text.substring(0, 19).replace('T', ' ') : oneLine(text);
        }
        if (value.isArray() && allScalars(value)) {
            StringBuilder joined = new StringBuilder();
            value.forEach(item -> joined.append(joined.isEmpty() ? "" : ", ").append(item.asText()));
            return joined.toString();
        }
        return value.isValueNode() ? value.asText() : oneLine(Json.write(value));
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    static String fit(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
