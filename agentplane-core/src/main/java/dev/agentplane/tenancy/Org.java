package dev.agentplane.tenancy;

import java.time.Instant;

/** An organization: the tenant every key, row and limit belongs to. */
public record Org(String id, String name, String status, boolean instanceAdmin, Instant createdAt, Instant disabledAt) {
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";
}
