package dev.agentplane.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A key to create; {@code signed} keys must sign every request (docs/security.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewApiKey(
        String name,
        String role,
        String agentId,
        Instant expiresAt,
        Integer rateLimitPerMinute,
        Boolean signed) {

    /** {@code role}: admin, developer, agent, viewer or auditor. */
    public static NewApiKey of(String name, String role) {
        return new NewApiKey(name, role, null, null, null, null);
    }

    /** An agent key acting as this agent. */
    public NewApiKey forAgent(String agentId) {
        return new NewApiKey(name, role, agentId, expiresAt, rateLimitPerMinute, signed);
    }

    public NewApiKey expiringAt(Instant expiresAt) {
        return new NewApiKey(name, role, agentId, expiresAt, rateLimitPerMinute, signed);
    }

    public NewApiKey withRateLimitPerMinute(int perMinute) {
        return new NewApiKey(name, role, agentId, expiresAt, perMinute, signed);
    }

    /** Every request with the key must then be signed with its signing secret. */
    public NewApiKey withSigning() {
        return new NewApiKey(name, role, agentId, expiresAt, rateLimitPerMinute, true);
    }
}
