package dev.agentplane.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Messy data interpreted into a schema, with a confidence per field. */
public record InterpretResult(
        Boolean success,
        JsonNode data,
        JsonNode confidence,
        Double overallConfidence,
        List<String> missingFields,
        List<String> notes,
        Boolean shouldEscalate,
        String escalationReason,
        String strategyUsed,
        String modelUsed,
        JsonNode tokens,
        Double costEstimate,
        String escalationId) {
}
