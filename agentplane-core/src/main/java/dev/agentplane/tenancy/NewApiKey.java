package dev.agentplane.tenancy;

import dev.agentplane.common.problems.FieldErrors;
import java.time.Instant;

/** A request to create a key; {@code signed} (default false) gives it a signing secret its requests must use. */
public record NewApiKey(String name, String role, String agentId, Instant expiresAt, Integer rateLimitPerMinute,
                        Boolean signed) {
    static final int MAX_RATE_LIMIT_PER_MINUTE = 1_000_000;

    public NewApiKey(String name, String role, String agentId) {
        this(name, role, agentId, null, null, null);
    }

    public NewApiKey(String name, String role, String agentId, Instant expiresAt, Integer rateLimitPerMinute) {
        this(name, role, agentId, expiresAt, rateLimitPerMinute, null);
    }

    boolean signedOrDefault() {
        return Boolean.TRUE.equals(signed);
    }

    public void validate(Instant now) {
        FieldErrors errors = new FieldErrors();
        if (Role.AGENT.wireName().equals(role) && agentId == null) {
            errors.add("/agent_id", "is required for a key with role 'agent'",
                    "register the agent (POST /v1/agents) and pass its id: an agent key acts only as that agent");
        }
        errors
                .required("/name", name, "name the key after who uses it, e.g. \"ci-pipeline\"")
                .maxLength("/name", name, 100)
                .required("/role", role, "choose a role: one of " + Role.NAMES)
                .oneOf("/role", role, Role.NAMES)
                .id("/agent_id", agentId)
                .atMost("/rate_limit_per_minute", rateLimitPerMinute, MAX_RATE_LIMIT_PER_MINUTE,
                        "pass at most " + MAX_RATE_LIMIT_PER_MINUTE + " requests per minute");
        if (rateLimitPerMinute != null && rateLimitPerMinute < 1) {
            errors.add("/rate_limit_per_minute", "is " + rateLimitPerMinute + "; the minimum is 1",
                    "pass a positive number of requests per minute, or leave it out for the role's default");
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            errors.add("/expires_at", "'" + expiresAt + "' is not in the future",
                    "pass a future RFC 3339 time, e.g. " + now.plusSeconds(86_400 * 30) + ", or leave it out for a key that does not expire");
        }
        errors.throwIfAny();
    }
}
