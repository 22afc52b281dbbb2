package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentplane.common.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The input as the interpreter reads it: labelled pairs (JSON keys, "Label: value" lines, CSV headers) and the
 * text to scan for values that carry no label.
 */
final class Source {
    private static final Pattern LABELLED_LINE = Pattern.compile(
            "^\\s*(?:[-*•>]\\s*)?(?<key>[\\p{L}][\\p{L}\\p{N} _./()#'&-]{0,40}?)\\s*(?:[:=]|\\t|\\s-\\s|\\s–\\s)\\s*(?<value>\\S.*?)\\s*$");
    private static final Pattern INLINE_LABEL = Pattern.compile(
            "(?:^|[,;|(]\\s*)(?<key>[\\p{L}][\\p{L} _-]{0,25}?)\\s*[:=]\\s*(?<value>[^,;|\\n)]+)");
    private static final Pattern DELIMITER = Pattern.compile("[,;\\t|]");

    final List<Pair> pairs;
    final String text;

    private Source(List<Pair> pairs, String text) {
        this.pairs = pairs;
        this.text = text;
    }

    static Source of(JsonNode data) {
        if (data == null || data.isNull() || data.isMissingNode()) {
            return new Source(List.of(), "");
        }
        if (data.isTextual()) {
            String text = data.asText();
            String trimmed = text.strip();
            if ((trimmed.startsWith("{") && trimmed.endsWith("}")) || (trimmed.startsWith("[") && trimmed.endsWith("]"))) {
                try {
                    return of(Json.MAPPER.readTree(trimmed));
                } catch (Exception e) {
                    // not JSON after all: read it as text
                }
            }
            return ofText(text);
        }
        List<Pair> pairs = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        collect(data, 1.0, pairs, text, null);
        return new Source(pairs, text.toString());
    }

    private static void collect(JsonNode node, double trust, List<Pair> pairs, StringBuilder text, String parent) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                pairs.add(new Pair(field.getKey(), field.getValue(), trust));
                if (parent != null) {
                    pairs.add(new Pair(parent + " " + field.getKey(), field.getValue(), trust));
                }
                if (field.getValue().isContainerNode()) {
                    collect(field.getValue(), trust * 0.95, pairs, text, field.getKey());
                } else if (!field.getValue().isNull()) {
                    text.append(field.getKey()).append(": ").append(field.getValue().asText()).append('\n');
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (item.isContainerNode()) {
                    collect(item, trust * 0.9, pairs, text, parent);
                } else {
                    text.append(item.asText()).append('\n');
                }
            }
        } else {
            text.append(node.asText()).append('\n');
        }
    }

    static Source ofText(String text) {
        List<Pair> pairs = new ArrayList<>();
        String[] lines = text.split("\\R");
        csv(lines, pairs);
        for (String line : lines) {
            if (line.length() > 400) {
                continue;
            }
            Matcher labelled = LABELLED_LINE.matcher(line);
            boolean whole = labelled.matches() && !labelled.group("value").startsWith("//")
                    && labelled.group("key").split("\\s+").length <= 5;
            if (whole && countLabels(line) <= 1) {
                pairs.add(new Pair(labelled.group("key"), TextNode.valueOf(labelled.group("value")), 0.95));
                continue;
            }
            Matcher inline = INLINE_LABEL.matcher(line);
            while (inline.find()) {
                if (!inline.group("value").startsWith("//") && inline.group("key").split("\\s+").length <= 3) {
                    pairs.add(new Pair(inline.group("key"), TextNode.valueOf(inline.group("value").strip()), 0.9));
                }
            }
        }
        return new Source(pairs, text);
    }

    private static int countLabels(String line) {
        Matcher inline = INLINE_LABEL.matcher(line);
        int count = 0;
        while (inline.find()) {
            count++;
        }
        return count;
    }

    /** A header line over data lines with as many cells: each header labels its cell of the first data line. */
    private static void csv(String[] lines, List<Pair> pairs) {
        List<String> nonEmpty = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                nonEmpty.add(line);
            }
        }
        if (nonEmpty.size() < 2) {
            return;
        }
        Matcher delimiter = DELIMITER.matcher(nonEmpty.get(0));
        if (!delimiter.find()) {
            return;
        }
        String separator = Pattern.quote(delimiter.group());
        String[] header = nonEmpty.get(0).split(separator, -1);
        String[] row = nonEmpty.get(1).split(separator, -1);
        boolean headerLike = header.length >= 2 && java.util.Arrays.stream(header)
                .allMatch(cell -> cell.strip().matches("[\\p{L}][\\p{L}\\p{N} _./#()-]{0,40}") || cell.isBlank());
        if (!headerLike || row.length != header.length) {
            return;
        }
        for (int i = 0; i < header.length; i++) {
            String cell = row[i].strip().replaceAll("^\"|\"$", "");
            if (!header[i].isBlank() && !cell.isEmpty()) {
                pairs.add(new Pair(header[i].strip(), TextNode.valueOf(cell), 0.95));
            }
        }
    }
}
