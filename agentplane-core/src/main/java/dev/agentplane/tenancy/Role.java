package dev.agentplane.tenancy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What a key may do. The full matrix is enforced by the server's access rules. */
public enum Role {
    ADMIN, DEVELOPER, AGENT, VIEWER, AUDITOR;

    public static final List<String> NAMES = Arrays.stream(values()).map(Role::wireName).toList();

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public boolean canWrite() {
        return this == ADMIN || this == DEVELOPER || this == AGENT;
    }
}
