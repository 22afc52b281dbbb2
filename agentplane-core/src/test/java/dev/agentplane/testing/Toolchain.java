package dev.agentplane.testing;

import org.junit.jupiter.api.Assumptions;

/** What a test does when a tool it runs (node, python3, terraform…) is missing from the machine. */
public final class Toolchain {
    private Toolchain() {}

    /** Skips the test on a developer machine; fails it under {@code CI=true}, where every test must run. */
    public static void unavailable(String reason) {
        if (DatabaseKind.mustRunPostgres()) {
            throw new IllegalStateException(reason + " (CI=true: these tests must run, never skip)");
        }
        Assumptions.abort(reason);
    }
}
