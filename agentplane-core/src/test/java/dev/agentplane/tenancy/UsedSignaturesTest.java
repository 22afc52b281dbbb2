package dev.agentplane.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.store.Database;
import dev.agentplane.store.DatabaseSettings;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.DatabaseKind;
import dev.agentplane.testing.MutableClock;
import dev.agentplane.testing.TestPlane;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UsedSignaturesTest {

    private static String newSignature() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    @AcrossDatabases
    void a_signature_is_accepted_once(TestPlane t) {
        MutableClock clock = MutableClock.now();
        UsedSignatures used = new UsedSignatures(t.database(), clock);
        String signature = newSignature();
        long expiresAt = clock.millis() + 300_000;

        assertThat(used.firstUse(signature, expiresAt)).isTrue();
        assertThat(used.firstUse(signature, expiresAt)).isFalse();
        assertThat(used.firstUse(newSignature(), expiresAt)).isTrue();
    }

    @AcrossDatabases
    void signatures_past_their_window_are_purged_and_the_others_kept(TestPlane t) {
        MutableClock clock = MutableClock.now();
        UsedSignatures used = new UsedSignatures(t.database(), clock);
        String expiring = newSignature();
        String lasting = newSignature();
        used.firstUse(expiring, clock.millis() + 300_000);
        used.firstUse(lasting, clock.millis() + 900_000);

        // Past the window and the minute of clock slack, the next use purges the expired row.
        clock.advance(Duration.ofSeconds(300 + 61));
        used.firstUse(newSignature(), clock.millis() + 300_000);

        assertThat(stored(t.database(), expiring)).isZero();
        assertThat(stored(t.database(), lasting)).isOne();
    }

    private static long stored(Database database, String signature) {
        return database.read(sql -> sql.count("SELECT COUNT(*) AS n FROM used_signatures WHERE signature = ?", signature));
    }

    /** Two servers on one database (two pools), racing to accept the same signature: exactly one wins. */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void of_servers_sharing_a_database_exactly_one_accepts_a_signature(DatabaseKind kind) throws Exception {
        DatabaseSettings settings = kind.freshDatabase("usedsignatures");
        MutableClock clock = MutableClock.now();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (Database first = Database.open(settings); Database second = Database.open(settings)) {
            List<UsedSignatures> servers = List.of(new UsedSignatures(first, clock), new UsedSignatures(second, clock));
            for (int round = 0; round < 20; round++) {
                String signature = newSignature();
                List<Callable<Boolean>> attempts = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    UsedSignatures server = servers.get(i % 2);
                    attempts.add(() -> server.firstUse(signature, clock.millis() + 300_000));
                }
                long accepted = 0;
                for (Future<Boolean> attempt : threads.invokeAll(attempts)) {
                    accepted += attempt.get() ? 1 : 0;
                }
                assertThat(accepted).as("acceptances of one signature in round %d", round).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
