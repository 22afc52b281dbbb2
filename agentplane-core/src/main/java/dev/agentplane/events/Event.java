package dev.agentplane.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Something an agent reported about an execution: progress, a tool call, a custom metric. */
public record Event(String id, String executionId, String agentId, String type, String message, JsonNode data,
                    Long tokensIn, Long tokensOut, Double costUsd, Instant createdAt) {}
