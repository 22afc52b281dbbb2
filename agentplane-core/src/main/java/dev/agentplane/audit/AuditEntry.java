package dev.agentplane.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

public record AuditEntry(String id, String actorKeyId, String actorAgentId, String action, String resourceType,
                         String resourceId, JsonNode details, String requestId, Instant createdAt) {}
