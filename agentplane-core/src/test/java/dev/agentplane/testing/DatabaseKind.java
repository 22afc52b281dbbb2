package dev.agentplane.testing;

import dev.agentplane.store.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The two databases every store, engine and API test runs on. */
public enum DatabaseKind {
    SQLITE, POSTGRESQL;

    /** Settings for a fresh, empty database of this kind. */
    public DatabaseSettings freshDatabase(String hint) {
        return switch (this) {
            case SQLITE -> {
                try {
                    Path dir = Files.createTempDirectory("agentplane-sqlite-");
                    dir.toFile().deleteOnExit();
                    yield DatabaseSettings.sqlite(dir.resolve("agentplane.db"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case POSTGRESQL -> {
                PostgresCluster cluster = requirePostgres();
                yield new DatabaseSettings(cluster.createDatabase(hint), cluster.user(), null, 10);
            }
        };
    }

    /** PostgreSQL, or a failed test under CI=true, or a skipped one on a developer machine without it. */
    public static PostgresCluster requirePostgres() {
        PostgresCluster cluster = PostgresCluster.get();
        if (cluster == null) {
            String reason = "PostgreSQL is not available: " + PostgresCluster.unavailableReason();
            if (mustRunPostgres()) {
                throw new IllegalStateException(reason + " (CI=true: PostgreSQL tests must run, never skip)");
            }
            Assumptions.abort(reason);
        }
        return cluster;
    }

    /** Under CI=true the PostgreSQL runs are required: a missing PostgreSQL fails them instead of skipping. */
    public static boolean mustRunPostgres() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
