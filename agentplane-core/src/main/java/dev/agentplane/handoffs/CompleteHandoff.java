package dev.agentplane.handoffs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.JsonLimits;

/** The outcome of the handed-off work: any JSON value, or none. */
public record CompleteHandoff(JsonNode result) {
    public static final CompleteHandoff DEFAULT = new CompleteHandoff(null);

    public void validate() {
        JsonLimits.check("result", result);
    }
}
