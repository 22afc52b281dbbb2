package dev.agentplane.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.yaml.LocatedYaml;

/** A definition tree and the source line of each node, so errors can name both. */
record ParsedDefinition(LocatedYaml located) {

    JsonNode tree() {
        return located.tree();
    }

    /** " (line N)" for the node at {@code pointer}, or for its closest ancestor that has a line. */
    String at(String pointer) {
        return located.at(pointer);
    }
}
