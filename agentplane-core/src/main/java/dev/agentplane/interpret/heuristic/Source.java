package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The input as the interpreter reads it: labelled pairs (JSON keys, labels in text, CSV headers), the text to scan
 * for values that carry no label, and the cells of a header-less delimited row.
 */
final class Source {
    /** Where the head of a label's value ends: "Globex Inc., 42 Elm Street" names Globex Inc. */
    private static final java.util.regex.Pattern HEAD_END = java.util.regex.Pattern.compile(",\\s|\\s\\(|\\s[-–]\\s|[.;]\\s+(?=\\p{Lu})|\\s<");

    final List<Pair> pairs;
    final String text;
    final List<String> cells;
    private Text scanned;

    private Source(List<Pair> pairs, String text, List<String> cells) {
        this.pairs = pairs;
        this.text = text;
        this.cells = cells;
    }

    static Source of(JsonNode data) {
        if (data == null || data.isNull() || data.isMissingNode()) {
            return new Source(List.of(), "", null);
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
        return new Source(pairs, text.toString(), null);
    }

    private static void collect(JsonNode node, double trust, List<Pair> pairs, StringBuilder text, String parent) {
        if (node.isObject()) {
            ObjectNode record = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                pairs.add(new Pair(field.getKey(), field.getValue(), trust, record));
                if (parent != null) {
                    pairs.add(new Pair(parent + " " + field.getKey(), field.getValue(), trust, record));
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

    /** The text's findings, scanned once for this input. */
    Text text(dev.agentplane.interpret.values.InterpretOptions options) {
        if (scanned == null) {
            scanned = new Text(text, options);
        }
        return scanned;
    }

    /**
     * What the data says about one object of the schema when it has no object of that name: labels that start with
     * the object's name ("Employer city" for employer.city; "Employer" itself for its name), and the text under a
     * label that names it ("Customer: Priscilla Huang <p.huang@…>").
     */
    Source within(dev.agentplane.interpret.schema.FieldSpec object) {
        List<String> objectWords = Keys.words(object.name());
        List<Pair> scoped = new ArrayList<>();
        StringBuilder scopedText = new StringBuilder();
        for (Pair pair : pairs) {
            List<String> keyWords = Keys.words(pair.key());
            String rest = keyWords.size() > objectWords.size() && keyWords.subList(0, objectWords.size()).equals(objectWords)
                    ? String.join(" ", keyWords.subList(objectWords.size(), keyWords.size())) : null;
            if (rest != null && object.fields().stream().anyMatch(field -> KeyMatcher.score(field, rest) >= KeyMatcher.THRESHOLD)) {
                scoped.add(new Pair(rest, pair.value(), pair.trust(), pair.record())); // "Employer city" for employer.city
            } else if (pair.value().isTextual() && KeyMatcher.score(object, pair.key()) >= KeyMatcher.THRESHOLD) {
                String head = HEAD_END.split(pair.value().asText().strip(), 2)[0];
                scoped.add(new Pair(identity(object), com.fasterxml.jackson.databind.node.TextNode.valueOf(head),
                        pair.trust() * 0.9, pair.record()));
                Source inner = ofText(pair.value().asText());
                scoped.addAll(inner.pairs);
                scopedText.append(inner.text).append('\n');
            }
        }
        return new Source(scoped, scopedText.toString(), null);
    }

    /**
     * The field that the value of an object's own label names: its "name" ("Employer: Atlas Logistics"), or else its
     * first text field ("Insurance: Aetna" for insurance.provider).
     */
    private static String identity(dev.agentplane.interpret.schema.FieldSpec object) {
        return object.fields().stream().filter(field -> Keys.joined(field.name()).equals("name")).findFirst()
                .or(() -> object.fields().stream().filter(field -> field.type() == dev.agentplane.interpret.schema.FieldType.STRING)
                        .findFirst())
                .map(dev.agentplane.interpret.schema.FieldSpec::name).orElse("name");
    }

    static Source ofText(String raw) {
        String text = Markup.clean(raw);
        List<Pair> pairs = new ArrayList<>();
        String[] lines = text.split("\\R");
        List<String> cells = Csv.read(lines, pairs);
        Labels.read(lines, Json.MAPPER.createObjectNode(), pairs);
        return new Source(pairs, text, cells);
    }
}
