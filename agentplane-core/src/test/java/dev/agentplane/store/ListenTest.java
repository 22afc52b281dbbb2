package dev.agentplane.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentplane.testing.DatabaseKind;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Notifications reach other processes' listeners on commit, never on rollback (PostgreSQL; a no-op on SQLite). */
class ListenTest {

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void a_committed_notification_reaches_a_listener_of_another_pool(DatabaseKind kind) throws Exception {
        DatabaseSettings settings = kind.freshDatabase("listen");
        try (Database writer = Database.open(settings); Database reader = Database.open(settings)) {
            AtomicInteger heard = new AtomicInteger();
            try (AutoCloseable listening = reader.listen("agentplane_test", heard::incrementAndGet)) {
                try {
                    writer.inTransaction(tx -> {
                        tx.notifyOnCommit("agentplane_test");
                        throw new IllegalStateException("rolled back");
                    });
                } catch (IllegalStateException expected) {
                    // a rolled-back transaction notifies nobody
                }
                writer.inTransaction(tx -> {
                    tx.notifyOnCommit("agentplane_test");
                    tx.notifyOnCommit("agentplane_test");
                    return null;
                });

                if (kind == DatabaseKind.POSTGRESQL) {
                    await().atMost(Duration.ofSeconds(5)).until(() -> heard.get() >= 1);
                }
                assertThat(heard.get()).isEqualTo(kind == DatabaseKind.POSTGRESQL ? 1 : 0);
            }
        }
    }
}
