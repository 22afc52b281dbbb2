package dev.agentplane.state;

import dev.agentplane.store.Database;
import dev.agentplane.store.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** TEMPORARY until the shared harness lands in main. */
final class TempDatabases {
    static Database sqlite() throws Exception {
        Path dir = Files.createTempDirectory("state-test");
        return Database.open(DatabaseSettings.sqlite(dir.resolve("test.db")));
    }

    static Database postgres() throws Exception {
        String base = System.getenv().getOrDefault("AGENTPLANE_TEST_PG_URL", "jdbc:postgresql://localhost:55432/postgres");
        String name = "t" + UUID.randomUUID().toString().replace("-", "");
        try (var c = DriverManager.getConnection(base, "postgres", null)) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        return Database.open(new DatabaseSettings(base.replace("/postgres", "/" + name), "postgres", null, 8));
    }

    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
        void advance(java.time.Duration d) { now = now.plus(d); }
    }
}
