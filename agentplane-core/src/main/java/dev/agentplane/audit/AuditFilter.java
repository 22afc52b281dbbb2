package dev.agentplane.audit;

import java.time.Instant;

public record AuditFilter(String actorKeyId, String actorAgentId, String action, String resourceType,
                          String resourceId, Instant from, Instant to) {}
