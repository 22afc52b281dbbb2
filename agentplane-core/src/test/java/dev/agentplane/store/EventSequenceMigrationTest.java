package dev.agentplane.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.events.Event;
import dev.agentplane.events.EventRepository;
import dev.agentplane.testing.DatabaseKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Events stored before V4_4 get their seq per execution and their stream position in id order. */
class EventSequenceMigrationTest {
    private static final String ORG = "01900000-0000-7000-8000-000000000001";
    private static final String RUN_A = "01900000-0000-7000-8000-00000000000a";
    private static final String RUN_B = "01900000-0000-7000-8000-00000000000b";

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void existing_events_are_numbered_per_execution_and_overall_in_id_order(DatabaseKind kind) throws SQLException {
        DatabaseSettings settings = kind.freshDatabase("EventSequenceMigrationTest");
        Dialect dialect = settings.isSqlite() ? new SqliteDialect() : new PostgresDialect();
        Flyway.configure().dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .locations("classpath:db/migration").placeholders(dialect.migrationPlaceholders())
                .target("4.1").load().migrate(); // the engine's schema, before V4_4
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO orgs (id, name, status, created_at) VALUES ('" + ORG + "', 'old', 'active', 0)");
            statement.execute("INSERT INTO workflows (id, org_id, name, version, definition, source, active, created_at) "
                    + "VALUES ('" + ORG + "', '" + ORG + "', 'flow', 1, '{}', 'x', " + (settings.isSqlite() ? "1" : "TRUE") + ", 0)");
            for (String run : List.of(RUN_A, RUN_B)) {
                statement.execute("INSERT INTO executions (id, org_id, workflow_id, workflow_name, workflow_version, status, "
                        + "started_at) VALUES ('" + run + "', '" + ORG + "', '" + ORG + "', 'flow', 1, 'running', 0)");
            }
            // Inserted out of id order, as concurrent transactions commit.
            for (String[] event : List.of(new String[] {"3", RUN_A}, new String[] {"1", RUN_A}, new String[] {"2", RUN_B},
                    new String[] {"4", RUN_A}, new String[] {"5", RUN_B})) {
                statement.execute("INSERT INTO events (id, org_id, execution_id, type, created_at) VALUES "
                        + "('01900000-0000-7000-9000-00000000000" + event[0] + "', '" + ORG + "', '" + event[1] + "', 'e"
                        + event[0] + "', 0)");
            }
        }

        try (Database database = Database.open(settings)) {
            List<String> numbered = database.read(sql -> sql.list(
                    "SELECT type, seq, position FROM events ORDER BY position",
                    row -> row.string("type") + ":" + row.longValue("seq") + ":" + row.longValue("position")));
            assertThat(numbered).containsExactly("e1:1:1", "e2:1:2", "e3:2:3", "e4:3:4", "e5:2:5");

            Event next = database.inTransaction(tx -> new EventRepository().insert(tx, ORG, new Event(
                    "01900000-0000-7000-9000-000000000006", RUN_A, null, "e6", null, null, null, null, null, Instant.EPOCH)));
            assertThat(next.seq()).isEqualTo(4);
            long head = database.read(sql -> sql.count("SELECT last_position AS n FROM event_stream_head"));
            assertThat(head).isEqualTo(5);
        }
    }
}
