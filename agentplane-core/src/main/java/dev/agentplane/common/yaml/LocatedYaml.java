package dev.agentplane.common.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A YAML or JSON document read into a JSON tree together with the source line of every node, keyed by JSON
 * pointer, so that a problem found later in the tree can name the line it comes from. Duplicate keys and YAML
 * aliases, which a plain tree would silently collapse, are reported while reading.
 */
public record LocatedYaml(JsonNode tree, Map<String, Integer> lines) {

    public LocatedYaml {
        lines = Map.copyOf(lines);
    }

    /** The languages a document can be written in; JSON is read strictly, not as YAML. */
    public enum Syntax { JSON, YAML }

    /** Receives the problems found while reading that still leave a usable tree (duplicate keys, aliases). */
    @FunctionalInterface
    public interface Problems {
        void add(String pointer, int line, String detail, String fix);
    }

    /**
     * Reads {@code text}; throws {@link YamlSyntaxException} when it is not well-formed or holds more than one
     * document, and gives the other problems to {@code problems}. Empty text (or only comments) gives a missing
     * node as the tree, for the caller to say what it expected.
     */
    public static LocatedYaml read(Syntax syntax, String text, Problems problems) {
        return LocatedYamlReader.read(syntax, text, problems);
    }

    /** The line of the node at {@code pointer}, or of its closest ancestor that has one (0 when none has). */
    public int lineOf(String pointer) {
        String current = pointer;
        while (true) {
            Integer line = lines.get(current);
            if (line != null) {
                return line;
            }
            if (current.isEmpty()) {
                return 0;
            }
            current = current.substring(0, current.lastIndexOf('/'));
        }
    }

    /** " (line N)" for the node at {@code pointer} or its closest ancestor with a line; "" when there is none. */
    public String at(String pointer) {
        int line = lineOf(pointer);
        return line == 0 ? "" : " (line " + line + ")";
    }

    /** The JSON pointer segment for a member name ('~' and '/' escaped). */
    public static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
