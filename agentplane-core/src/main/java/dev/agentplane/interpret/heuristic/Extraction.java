package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What the heuristics made of the input: the value and confidence of each field found (by dotted path), the
 * paths not found, and notes saying why a value was rejected or how an uncertain one was chosen.
 */
public record Extraction(Map<String, JsonNode> values, Map<String, Double> confidence, List<String> missing, List<String> notes) {}
