package dev.agentplane.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.store.Sql;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class AuditChainTest {

    private static void change(TestPlane t, Actor actor, int n) {
        ObjectNode details = Json.object().put("n", n).put("ratio", 0.1).put("big", 1.0E20).put("whole", 100.0)
                .put("exact", new BigDecimal("12.50")).put("text", "é \"quoted\" \u2028 ✓");
        details.putObject("nested").put("z", 1).put("a", true).putNull("m");
        t.database().inTransaction(tx -> {
            t.plane().audit().record(tx, actor, "test.change", "thing", "thing-" + n, details);
            return null;
        });
    }

    private static List<String> chainIds(TestPlane t, Actor actor) {
        t.plane().audit().chainPending();
        return t.database().read(sql -> sql.list("SELECT id FROM audit_log WHERE org_id = ? ORDER BY chain_seq",
                row -> row.string("id"), actor.orgId()));
    }

    /** Rows are chained after commit; tampering is with rows already in the chain. */
    private static void tamper(TestPlane t, String sql, Object... params) {
        t.plane().audit().chainPending();
        t.database().inTransaction(tx -> tx.update(sql, params));
    }

    @AcrossDatabases
    void an_org_without_changes_has_an_empty_valid_chain(TestPlane t) {
        assertThat(t.plane().audit().verify(t.actor())).isEqualTo(new ChainVerification(true, 0, null));
    }

    @AcrossDatabases
    void the_chain_verifies_after_many_changes_and_survives_the_databases_json_normalization(TestPlane t) {
        for (int i = 0; i < 30; i++) {
            change(t, t.actor(), i);
        }

        assertThat(t.plane().audit().verify(t.actor())).isEqualTo(new ChainVerification(true, 30, null));
    }

    @AcrossDatabases
    void concurrent_changes_of_one_org_link_one_after_another(TestPlane t) throws Exception {
        int threads = 6;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier start = new CyclicBarrier(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int thread = i;
                running.add(pool.submit(() -> {
                    start.await();
                    for (int n = 0; n < perThread; n++) {
                        change(t, t.actor(), thread * 1000 + n);
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(t.plane().audit().verify(t.actor())).isEqualTo(new ChainVerification(true, threads * perThread, null));
        long distinctLinks = t.database().read(sql -> sql.count(
                "SELECT COUNT(DISTINCT prev_hash) AS n FROM audit_log WHERE org_id = ?", t.actor().orgId()));
        assertThat(distinctLinks).isEqualTo(threads * perThread);
    }

    @AcrossDatabases
    void a_row_altered_in_the_database_is_reported_as_a_hash_mismatch(TestPlane t) {
        for (int i = 0; i < 5; i++) {
            change(t, t.actor(), i);
        }
        String altered = chainIds(t, t.actor()).get(2);

        tamper(t, "UPDATE audit_log SET details = ? WHERE id = ?", Sql.json(Json.object().put("n", 99)), altered);

        assertThat(t.plane().audit().verify(t.actor())).isEqualTo(new ChainVerification(false, 3,
                new ChainVerification.BrokenLink(altered, "hash mismatch")));
    }

    @AcrossDatabases
    void an_altered_actor_or_time_is_a_hash_mismatch_too(TestPlane t) {
        change(t, t.actor(), 0);
        String row = chainIds(t, t.actor()).get(0);

        tamper(t, "UPDATE audit_log SET created_at = created_at + 1 WHERE id = ?", row);

        assertThat(t.plane().audit().verify(t.actor()).firstBroken())
                .isEqualTo(new ChainVerification.BrokenLink(row, "hash mismatch"));
    }

    @AcrossDatabases
    void a_deleted_row_is_reported_as_a_broken_link_at_the_row_after_it(TestPlane t) {
        for (int i = 0; i < 5; i++) {
            change(t, t.actor(), i);
        }
        List<String> ids = chainIds(t, t.actor());

        tamper(t, "DELETE FROM audit_log WHERE id = ?", ids.get(1));

        assertThat(t.plane().audit().verify(t.actor())).isEqualTo(new ChainVerification(false, 2,
                new ChainVerification.BrokenLink(ids.get(2), "broken link")));
    }

    @AcrossDatabases
    void deleting_the_first_or_the_last_rows_breaks_the_chain(TestPlane t) {
        for (int i = 0; i < 4; i++) {
            change(t, t.actor(), i);
        }
        List<String> ids = chainIds(t, t.actor());

        tamper(t, "DELETE FROM audit_log WHERE id = ?", ids.get(3));
        assertThat(t.plane().audit().verify(t.actor())).isEqualTo(new ChainVerification(false, 3,
                new ChainVerification.BrokenLink(ids.get(3), "broken link")));

        tamper(t, "DELETE FROM audit_log WHERE id = ?", ids.get(0));
        assertThat(t.plane().audit().verify(t.actor())).isEqualTo(new ChainVerification(false, 1,
                new ChainVerification.BrokenLink(ids.get(1), "broken link")));
    }

    @AcrossDatabases
    void each_org_has_its_own_chain(TestPlane t) {
        Actor other = t.otherOrg();
        change(t, t.actor(), 1);
        change(t, other, 1);
        change(t, t.actor(), 2);

        tamper(t, "UPDATE audit_log SET action = 'x' WHERE org_id = ?", other.orgId());

        assertThat(t.plane().audit().verify(t.actor())).isEqualTo(new ChainVerification(true, 2, null));
        assertThat(t.plane().audit().verify(other).valid()).isFalse();
    }
}
