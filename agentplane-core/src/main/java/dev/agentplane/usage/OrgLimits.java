package dev.agentplane.usage;

import dev.agentplane.common.problems.FieldErrors;
import dev.agentplane.tenancy.Role;
import java.util.Map;
import java.util.TreeMap;

/**
 * Monthly limits of an org (null: no limit) and its requests per minute by role, overriding the server's defaults.
 * Both the org's admins and the instance admin (as the org's quota) set them; the lower value of the two applies.
 */
public record OrgLimits(Long monthlyExecutions, Long monthlyTokens, Double monthlyCostUsd,
                        Map<String, Integer> rateLimitsPerMinute) {
    public static final OrgLimits NONE = new OrgLimits(null, null, null, Map.of());
    static final int MAX_RATE_LIMIT_PER_MINUTE = 1_000_000;

    public OrgLimits {
        rateLimitsPerMinute = rateLimitsPerMinute == null ? Map.of() : new TreeMap<>(rateLimitsPerMinute);
    }

    public void validate() {
        FieldErrors errors = new FieldErrors()
                .nonNegative("/monthly_executions", monthlyExecutions)
                .nonNegative("/monthly_tokens", monthlyTokens)
                .nonNegative("/monthly_cost_usd", monthlyCostUsd);
        if (monthlyCostUsd != null && (monthlyCostUsd.isNaN() || monthlyCostUsd.isInfinite())) {
            errors.add("/monthly_cost_usd", "is not a finite number", "pass US dollars, e.g. 250.0, or null for no limit");
        }
        rateLimitsPerMinute.forEach((role, perMinute) -> {
            String pointer = "/rate_limits_per_minute/" + role;
            errors.oneOf(pointer, role, Role.NAMES);
            if (perMinute == null || perMinute < 1 || perMinute > MAX_RATE_LIMIT_PER_MINUTE) {
                errors.add(pointer, "is " + perMinute + "; it must be between 1 and " + MAX_RATE_LIMIT_PER_MINUTE,
                        "pass requests per minute for keys of this role, or leave the role out for the server's default");
            }
        });
        errors.throwIfAny();
    }

    /** Field by field, the lower of this and {@code other} (an absent value is no limit). */
    public OrgLimits lowerOf(OrgLimits other) {
        Map<String, Integer> rates = new TreeMap<>(rateLimitsPerMinute);
        other.rateLimitsPerMinute.forEach((role, perMinute) -> rates.merge(role, perMinute, Math::min));
        return new OrgLimits(lower(monthlyExecutions, other.monthlyExecutions), lower(monthlyTokens, other.monthlyTokens),
                lower(monthlyCostUsd, other.monthlyCostUsd), rates);
    }

    public Integer rateLimitPerMinute(Role role) {
        return rateLimitsPerMinute.get(role.wireName());
    }

    private static <T extends Comparable<T>> T lower(T a, T b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }
}
