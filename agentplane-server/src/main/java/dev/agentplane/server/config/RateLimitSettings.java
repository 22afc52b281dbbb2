package dev.agentplane.server.config;

import dev.agentplane.tenancy.Role;
import java.util.EnumMap;
import java.util.Map;

/**
 * Requests per minute each key may make by default, by role (a key's own rate_limit_per_minute wins), and how
 * many failed authentications one client address may make per minute.
 */
public record RateLimitSettings(Map<Role, Integer> perMinuteByRole, int failedAuthPerMinute) {
    public RateLimitSettings {
        perMinuteByRole = Map.copyOf(perMinuteByRole);
    }

    public static RateLimitSettings defaults() {
        Map<Role, Integer> perRole = new EnumMap<>(Role.class);
        perRole.put(Role.ADMIN, 1200);
        perRole.put(Role.DEVELOPER, 1200);
        perRole.put(Role.AGENT, 1200);
        perRole.put(Role.VIEWER, 600);
        perRole.put(Role.AUDITOR, 600);
        return new RateLimitSettings(perRole, 20);
    }

    public int perMinute(Role role) {
        return perMinuteByRole.get(role);
    }

    public RateLimitSettings withRole(Role role, int perMinute) {
        Map<Role, Integer> changed = new EnumMap<>(perMinuteByRole);
        changed.put(role, perMinute);
        return new RateLimitSettings(changed, failedAuthPerMinute);
    }
}
