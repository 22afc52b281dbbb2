package dev.agentplane.interpret.heuristic;

import com.fasterxml.jackson.databind.JsonNode;

/** A value chosen for a field, how sure the interpreter is (0..1), and how it was found. */
record Candidate(JsonNode value, double confidence, String how) {}
