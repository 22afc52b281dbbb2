package dev.agentplane.interpret.values;

import com.fasterxml.jackson.databind.JsonNode;

/** A value read from the input, normalized for its type, with how sure the reading is (0..1). */
public record Parsed(JsonNode value, double quality) {
    public Parsed {
        quality = Math.max(0, Math.min(1, quality));
    }

    public Parsed times(double factor) {
        return new Parsed(value, quality * factor);
    }
}
