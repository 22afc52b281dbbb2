package dev.agentplane.teams.definition;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON pointer written the way a person names a field of a team file: {@code /agents/1/max_steps} → {@code agents[1].max_steps}. */
final class FieldPath {
    private FieldPath() {}

    /** {@code tree} tells list indexes from keys made of digits; without one (a file that did not parse) digits are indexes. */
    static String of(String pointer, JsonNode tree) {
        StringBuilder path = new StringBuilder();
        JsonNode node = tree;
        for (String raw : pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/", -1)) {
            String segment = raw.replace("~1", "/").replace("~0", "~");
            boolean index = node != null ? node.isArray() : !segment.isEmpty() && segment.chars().allMatch(Character::isDigit);
            if (index) {
                path.append('[').append(segment).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(segment);
            }
            node = node == null ? null : index ? node.get(Integer.parseInt(segment)) : node.get(segment);
        }
        return path.toString();
    }
}
