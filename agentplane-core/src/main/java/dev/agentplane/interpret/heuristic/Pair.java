package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A labelled value in the input: a JSON key, a "Label: value" line, a CSV header over its cell. {@code record}
 * holds the labels beside it (the same JSON object, CSV row or form), where e.g. a currency column lives.
 */
record Pair(String key, JsonNode value, double trust, ObjectNode record) {}
