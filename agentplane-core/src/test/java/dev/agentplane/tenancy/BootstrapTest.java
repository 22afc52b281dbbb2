package dev.agentplane.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.AgentPlane;
import dev.agentplane.store.Database;
import dev.agentplane.testing.DatabaseKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** First start on an empty database: each case needs a database of its own. */
class BootstrapTest {

    private static AgentPlane emptyDatabase(DatabaseKind kind) {
        return AgentPlane.create(Database.open(kind.freshDatabase("bootstrap")), Clock.systemUTC());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void a_key_that_cannot_be_saved_leaves_nothing_behind_and_the_next_start_retries(DatabaseKind kind) {
        AgentPlane plane = emptyDatabase(kind);
        try (Database database = plane.database()) {
            assertThatThrownBy(() -> plane.keys().bootstrap(null, key -> {
                throw new IllegalStateException("disk full");
            })).hasMessage("disk full");
            long orgs = database.read(sql -> sql.count("SELECT COUNT(*) AS n FROM orgs"));
            assertThat(orgs).isZero();

            AtomicReference<String> saved = new AtomicReference<>();
            assertThat(plane.keys().bootstrap(null, saved::set)).isTrue();
            assertThat(plane.keys().authenticate(saved.get())).get().extracting(Actor::role).isEqualTo(Role.ADMIN);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void servers_starting_together_bootstrap_exactly_once(DatabaseKind kind) throws Exception {
        AgentPlane plane = emptyDatabase(kind);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Database database = plane.database()) {
            List<Future<Boolean>> starts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                starts.add(pool.submit((Callable<Boolean>) () -> plane.keys().bootstrap(null, key -> {})));
            }
            int created = 0;
            for (Future<Boolean> start : starts) {
                created += start.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
            long keys = database.read(sql -> sql.count("SELECT COUNT(*) AS n FROM api_keys"));
            assertThat(keys).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void a_fixed_bootstrap_key_becomes_the_admin_key_and_shows_only_a_short_prefix(DatabaseKind kind) {
        AgentPlane plane = emptyDatabase(kind);
        String fixed = "my-very-long-operator-chosen-admin-key";
        try (Database ignored = plane.database()) {
            assertThat(plane.keys().bootstrap(fixed, key -> {})).isTrue();

            Actor admin = plane.keys().authenticate(fixed).orElseThrow();
            assertThat(plane.keys().list(admin, dev.agentplane.common.PageRequest.first(5)).items())
                    .extracting(ApiKey::prefix).containsExactly("my-v…");
        }
    }
}
