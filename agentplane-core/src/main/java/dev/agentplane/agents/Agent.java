package dev.agentplane.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

public record Agent(String id, String name, String framework, String description, List<String> capabilities,
                    JsonNode config, String status, Instant lastSeen, Instant createdAt, Instant updatedAt) {
    public static final String ACTIVE = "active";
    public static final String INACTIVE = "inactive";
}
