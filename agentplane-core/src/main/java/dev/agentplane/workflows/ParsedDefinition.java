package dev.agentplane.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A definition tree and the source line of each node, keyed by JSON pointer, so errors can name both. */
record ParsedDefinition(JsonNode tree, Map<String, Integer> lines) {

    /** " (line N)" for the node at {@code pointer}, or for its closest ancestor that has a line. */
    String at(String pointer) {
        String current = pointer;
        while (true) {
            Integer line = lines.get(current);
            if (line != null) {
                return " (line " + line + ")";
            }
            if (current.isEmpty()) {
                return "";
            }
            current = current.substring(0, current.lastIndexOf('/'));
        }
    }
}
