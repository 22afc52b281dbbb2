package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.JsonNode;

/** A labelled value in the input: a JSON key, a "Label: value" line, a CSV header over its cell. */
record Pair(String key, JsonNode value, double trust) {}
