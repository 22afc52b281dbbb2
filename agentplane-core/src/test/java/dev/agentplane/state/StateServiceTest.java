package dev.agentplane.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.audit.AuditEntry;
import dev.agentplane.audit.AuditFilter;
import dev.agentplane.audit.AuditLog;
import dev.agentplane.common.Json;
import dev.agentplane.common.JsonInput;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.common.problems.PayloadTooLargeException;
import dev.agentplane.common.problems.PreconditionFailedException;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.DatabaseKind;
import dev.agentplane.testing.MutableClock;
import dev.agentplane.testing.TestPlane;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class StateServiceTest {
    private TestPlane t;
    private MutableClock clock;
    private StateService state;
    private AuditLog audit;
    private Actor actor;
    private Actor otherOrg;

    /** The service over the test's database; every test starts with this. */
    private void use(TestPlane plane) {
        t = plane;
        clock = plane.clock();
        audit = plane.plane().audit();
        state = new StateService(plane.database(), audit, clock);
        actor = plane.actor();
        otherOrg = plane.otherOrg();
    }

    private long rowsOf(Actor org) {
        return t.database().<Long>read(sql -> sql.count("SELECT COUNT(*) AS n FROM state WHERE org_id = ?", org.orgId()));
    }

    private static PutStateRequest body(String json) {
        return JsonInput.bind(Json.parse(json), PutStateRequest.class);
    }

    private StateWrite put(String key, String json, StateCondition condition) {
        return state.put(actor, "ns", key, body(json), condition);
    }

    private StateWrite put(String key, String json) {
        return put(key, json, StateCondition.ALWAYS);
    }

    @AcrossDatabases
    void creates_an_entry_at_version_1_and_counts_versions_up_on_each_put(TestPlane plane) {
        use(plane);
        StateWrite created = put("k", "{\"value\": {\"step\": 1}}");
        clock.advance(Duration.ofSeconds(5));
        StateWrite updated = put("k", "{\"value\": {\"step\": 2}}");

        assertThat(created.created()).isTrue();
        assertThat(created.entry().version()).isEqualTo(1);
        assertThat(updated.created()).isFalse();
        assertThat(updated.entry().version()).isEqualTo(2);
        assertThat(updated.entry().createdAt()).isEqualTo(created.entry().createdAt());
        assertThat(updated.entry().updatedAt()).isEqualTo(created.entry().createdAt().plusSeconds(5));
        StateEntry read = state.get(actor, "ns", "k");
        assertThat(read).isEqualTo(updated.entry());
        assertThat(read.valueNode()).isEqualTo(Json.parse("{\"step\": 2}"));
        assertThat(read.etag()).isEqualTo("\"2\"");
    }

    @AcrossDatabases
    void stores_any_json_value_including_an_explicit_null(TestPlane plane) {
        use(plane);
        List<String> values = List.of("{\"a\": [1, 2.5, true, null, \"x\"]}", "[]", "\"text ✓ 𝄞\"", "42", "-0.125",
                "false", "null", "{}");
        for (int i = 0; i < values.size(); i++) {
            put("k" + i, "{\"value\": " + values.get(i) + "}");
            assertThat(state.get(actor, "ns", "k" + i).valueNode()).isEqualTo(Json.parse(values.get(i)));
        }
        assertThat(state.get(actor, "ns", "k6").value()).isEqualTo("null");
    }

    @AcrossDatabases
    void a_missing_value_or_a_ttl_below_one_second_is_rejected_and_writes_nothing(TestPlane plane) {
        use(plane);
        assertThatThrownBy(() -> put("k", "{\"ttl_seconds\": 10}"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).extracting(error -> error.pointer()).containsExactly("/value"));
        assertThatThrownBy(() -> put("k", "{\"value\": 1, \"ttl_seconds\": 0}"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).extracting(error -> error.pointer()).containsExactly("/ttl_seconds"));
        assertThatThrownBy(() -> put("k", "{\"value\": 1, \"extra\": 0}")).isInstanceOf(InvalidInputException.class);
        assertThat(state.list(actor, "ns", null, PageRequest.first(10)).items()).isEmpty();
    }

    @AcrossDatabases
    void namespaces_keys_and_prefixes_outside_the_allowed_characters_are_rejected_by_parameter_name(TestPlane plane) {
        use(plane);
        assertThatThrownBy(() -> state.put(actor, "bad ns", "k", body("{\"value\": 1}"), StateCondition.ALWAYS))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).parameter()).isEqualTo("namespace"));
        assertThatThrownBy(() -> state.get(actor, "ns", "k".repeat(201)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).parameter()).isEqualTo("key"));
        assertThatThrownBy(() -> state.delete(actor, "ns", "", StateCondition.ALWAYS))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).parameter()).isEqualTo("key"));
        assertThatThrownBy(() -> state.list(actor, "ns", "a/b", PageRequest.first(10)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).parameter()).isEqualTo("prefix"));
        assertThat(state.put(actor, "A-z_0.9:x@y", "k".repeat(200), body("{\"value\": 1}"), StateCondition.ALWAYS)
                .created()).isTrue();
    }

    @AcrossDatabases
    void a_value_over_one_mebibyte_is_refused_with_413_naming_the_limit(TestPlane plane) {
        use(plane);
        String exactlyLimit = "\"" + "x".repeat(StateService.MAX_VALUE_BYTES - 2) + "\"";
        assertThat(put("big", "{\"value\": " + exactlyLimit + "}").entry().version()).isEqualTo(1);

        String overByOneMultibyteChar = "\"" + "x".repeat(StateService.MAX_VALUE_BYTES - 3) + "é\"";
        assertThatThrownBy(() -> put("big", "{\"value\": " + overByOneMultibyteChar + "}"))
                .isInstanceOfSatisfying(PayloadTooLargeException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.extensions()).containsEntry("limit_bytes", (long) StateService.MAX_VALUE_BYTES)
                            .containsEntry("actual_bytes", StateService.MAX_VALUE_BYTES + 1L);
                });
        assertThat(state.get(actor, "ns", "big").version()).isEqualTo(1);
    }

    @AcrossDatabases
    void if_match_updates_only_the_current_version_and_names_it_when_stale(TestPlane plane) {
        use(plane);
        put("k", "{\"value\": 1}");
        put("k", "{\"value\": 2}");

        StateWrite matched = put("k", "{\"value\": 3}", new StateCondition.VersionIs(2));
        assertThat(matched.created()).isFalse();
        assertThat(matched.entry().version()).isEqualTo(3);

        assertThatThrownBy(() -> put("k", "{\"value\": 4}", new StateCondition.VersionIs(2)))
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.extensions()).containsEntry("current_version", 3L);
                    assertThat(e.detail()).contains("version 3", "If-Match: \"3\"");
                });
        assertThat(state.get(actor, "ns", "k").valueNode().asInt()).isEqualTo(3);
    }

    @AcrossDatabases
    void if_match_fails_when_the_entry_does_not_exist(TestPlane plane) {
        use(plane);
        assertThatThrownBy(() -> put("absent", "{\"value\": 1}", new StateCondition.VersionIs(1)))
                .isInstanceOfSatisfying(PreconditionFailedException.class,
                        e -> assertThat(e.detail()).contains("does not exist"));
        assertThatThrownBy(() -> put("absent", "{\"value\": 1}", new StateCondition.Exists()))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> state.get(actor, "ns", "absent")).isInstanceOf(NotFoundException.class);
    }

    @AcrossDatabases
    void if_match_any_updates_an_existing_entry_whatever_its_version(TestPlane plane) {
        use(plane);
        put("k", "{\"value\": 1}");
        assertThat(put("k", "{\"value\": 2}", new StateCondition.Exists()).entry().version()).isEqualTo(2);
    }

    @AcrossDatabases
    void if_none_match_creates_only_when_absent(TestPlane plane) {
        use(plane);
        StateWrite created = put("k", "{\"value\": 1}", new StateCondition.Absent());
        assertThat(created.created()).isTrue();

        assertThatThrownBy(() -> put("k", "{\"value\": 2}", new StateCondition.Absent()))
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> {
                    assertThat(e.extensions()).containsEntry("current_version", 1L);
                    assertThat(e.detail()).contains("already exists");
                });
        assertThat(state.get(actor, "ns", "k").valueNode().asInt()).isEqualTo(1);
    }

    @AcrossDatabases
    void an_expired_entry_is_absent_everywhere_and_a_put_over_it_starts_again_at_version_1(TestPlane plane) {
        use(plane);
        put("short", "{\"value\": \"old\", \"ttl_seconds\": 60}");
        put("short", "{\"value\": \"older\", \"ttl_seconds\": 60}");
        put("stays", "{\"value\": 1}");
        assertThat(state.get(actor, "ns", "short").expiresAt()).isEqualTo(clock.instant().plusSeconds(60));

        clock.advance(Duration.ofSeconds(60));

        assertThatThrownBy(() -> state.get(actor, "ns", "short")).isInstanceOf(NotFoundException.class);
        assertThat(state.list(actor, "ns", null, PageRequest.first(10)).items()).extracting(StateKey::key)
                .containsExactly("stays");
        assertThatThrownBy(() -> put("short", "{\"value\": 1}", new StateCondition.VersionIs(2)))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> state.delete(actor, "ns", "short", StateCondition.ALWAYS))
                .isInstanceOf(NotFoundException.class);

        StateWrite recreated = put("short", "{\"value\": \"new\"}", new StateCondition.Absent());
        assertThat(recreated.created()).isTrue();
        assertThat(recreated.entry().version()).isEqualTo(1);
        assertThat(recreated.entry().createdAt()).isEqualTo(clock.instant());
        assertThat(recreated.entry().expiresAt()).isNull();
    }

    @AcrossDatabases
    void an_unconditional_put_over_an_expired_entry_is_a_create(TestPlane plane) {
        use(plane);
        put("k", "{\"value\": 1, \"ttl_seconds\": 1}");
        put("k", "{\"value\": 2, \"ttl_seconds\": 1}");
        clock.advance(Duration.ofSeconds(1));

        StateWrite write = put("k", "{\"value\": 3}");

        assertThat(write.created()).isTrue();
        assertThat(write.entry().version()).isEqualTo(1);
        assertThat(state.get(actor, "ns", "k").createdAt()).isEqualTo(clock.instant());
    }

    @AcrossDatabases
    void a_put_without_ttl_makes_an_expiring_entry_permanent(TestPlane plane) {
        use(plane);
        put("k", "{\"value\": 1, \"ttl_seconds\": 10}");
        put("k", "{\"value\": 2}");
        clock.advance(Duration.ofSeconds(11));
        assertThat(state.get(actor, "ns", "k").expiresAt()).isNull();
    }

    @AcrossDatabases
    void delete_removes_the_entry_and_honours_if_match(TestPlane plane) {
        use(plane);
        put("k", "{\"value\": 1}");
        put("k", "{\"value\": 2}");

        assertThatThrownBy(() -> state.delete(actor, "ns", "k", new StateCondition.VersionIs(1)))
                .isInstanceOfSatisfying(PreconditionFailedException.class,
                        e -> assertThat(e.extensions()).containsEntry("current_version", 2L));
        state.delete(actor, "ns", "k", new StateCondition.VersionIs(2));

        assertThatThrownBy(() -> state.get(actor, "ns", "k")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> state.delete(actor, "ns", "k", StateCondition.ALWAYS))
                .isInstanceOf(NotFoundException.class);
        assertThat(put("k", "{\"value\": 3}").entry().version()).isEqualTo(1);
    }

    @AcrossDatabases
    void lists_live_keys_by_prefix_in_ascending_order_page_by_page(TestPlane plane) {
        use(plane);
        for (String key : List.of("user:2", "user:10", "user:1", "user_x", "userz", "other", "user:")) {
            put(key, "{\"value\": 1}");
        }
        state.put(actor, "elsewhere", "user:3", body("{\"value\": 1}"), StateCondition.ALWAYS);
        state.put(otherOrg, "ns", "user:4", body("{\"value\": 1}"), StateCondition.ALWAYS);

        Page<StateKey> first = state.list(actor, "ns", "user:", PageRequest.first(2));
        assertThat(first.items()).extracting(StateKey::key).containsExactly("user:", "user:1");
        assertThat(first.nextCursor()).isNotNull();
        Page<StateKey> second = state.list(actor, "ns", "user:",
                new PageRequest(2, dev.agentplane.common.Cursor.decode(first.nextCursor())));
        assertThat(second.items()).extracting(StateKey::key).containsExactly("user:10", "user:2");
        assertThat(second.nextCursor()).isNull();

        assertThat(state.list(actor, "ns", "user_", PageRequest.first(50)).items()).extracting(StateKey::key)
                .containsExactly("user_x");
        assertThat(state.list(actor, "ns", null, PageRequest.first(50)).items()).extracting(StateKey::key)
                .containsExactly("other", "user:", "user:1", "user:10", "user:2", "user_x", "userz");
        StateKey listed = first.items().get(0);
        assertThat(listed.version()).isEqualTo(1);
        assertThat(listed.updatedAt()).isEqualTo(clock.instant());
    }

    @AcrossDatabases
    void entries_of_another_organization_are_invisible(TestPlane plane) {
        use(plane);
        state.put(otherOrg, "ns", "secret", body("{\"value\": 1}"), StateCondition.ALWAYS);

        assertThatThrownBy(() -> state.get(actor, "ns", "secret")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> state.delete(actor, "ns", "secret", StateCondition.ALWAYS))
                .isInstanceOf(NotFoundException.class);
        StateWrite mine = put("secret", "{\"value\": 2}");
        assertThat(mine.created()).isTrue();
        assertThat(state.get(otherOrg, "ns", "secret").valueNode().asInt()).isEqualTo(1);
    }

    @AcrossDatabases
    void every_write_leaves_an_audit_row_with_sizes_but_never_the_value(TestPlane plane) {
        use(plane);
        put("k", "{\"value\": {\"password\": \"hunter2\"}, \"ttl_seconds\": 30}");
        put("k", "{\"value\": 2}");
        state.delete(actor, "ns", "k", StateCondition.ALWAYS);
        assertThatThrownBy(() -> put("k2", "{\"value\": 1}", new StateCondition.VersionIs(1)))
                .isInstanceOf(PreconditionFailedException.class);

        List<AuditEntry> entries = audit.list(actor, new AuditFilter(null, null, null, "state", null, null, null),
                PageRequest.first(10)).items();
        assertThat(entries).extracting(AuditEntry::action).containsExactly("state.delete", "state.update", "state.create");
        assertThat(entries).extracting(AuditEntry::resourceId).containsOnly("ns/k");
        AuditEntry created = entries.get(2);
        assertThat(created.details()).isEqualTo(Json.parse(
                "{\"namespace\": \"ns\", \"key\": \"k\", \"version\": 1, \"size_bytes\": 22, \"ttl_seconds\": 30}"));
        assertThat(created.requestId()).isEqualTo(actor.requestId());
    }

    @AcrossDatabases
    void the_purger_deletes_only_expired_rows_of_every_org(TestPlane plane) {
        use(plane);
        StatePurger purger = purgerWithoutLeftovers(2);
        put("a", "{\"value\": 1, \"ttl_seconds\": 10}");
        put("b", "{\"value\": 1, \"ttl_seconds\": 20}");
        put("c", "{\"value\": 1}");
        state.put(otherOrg, "ns", "d", body("{\"value\": 1, \"ttl_seconds\": 5}"), StateCondition.ALWAYS);

        assertThat(purger.purgeExpired()).isZero();
        clock.advance(Duration.ofSeconds(10));
        assertThat(purger.purgeExpired()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(100));
        assertThat(purger.purgeExpired()).isEqualTo(1);
        assertThat(rowsOf(actor)).isEqualTo(1);
        assertThat(rowsOf(otherOrg)).isZero();
    }

    @AcrossDatabases
    void the_purger_works_through_more_expired_rows_than_one_batch(TestPlane plane) {
        use(plane);
        StatePurger purger = purgerWithoutLeftovers(2);
        for (int i = 0; i < 5; i++) {
            put("k" + i, "{\"value\": 1, \"ttl_seconds\": 1}");
        }
        clock.advance(Duration.ofSeconds(1));

        assertThat(purger.purgeExpired()).isEqualTo(5);
        assertThat(rowsOf(actor)).isZero();
    }

    /**
     * The purge picks expired rows, then deletes them; a PUT that revives one of them in between (on PostgreSQL,
     * where the two run concurrently) must win. The revival holds its row lock until the purge waits on it.
     */
    @AcrossDatabases
    void the_purger_never_deletes_an_entry_revived_while_it_runs(TestPlane plane) throws Exception {
        use(plane);
        StatePurger purger = purgerWithoutLeftovers(10);
        put("k", "{\"value\": 1, \"ttl_seconds\": 1}");
        clock.advance(Duration.ofSeconds(1));
        if (plane.kind() == DatabaseKind.SQLITE) {
            // SQLite serializes writers, so the revival simply commits before the purge looks.
            t.database().inTransaction(tx -> new StateRepository().upsert(tx, actor.orgId(), "ns", "k", "2", null, clock.millis()));
            assertThat(purger.purgeExpired()).isZero();
            assertThat(state.get(actor, "ns", "k").value()).isEqualTo("2");
            return;
        }
        CountDownLatch revivedUncommitted = new CountDownLatch(1);
        CountDownLatch commitRevival = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> revival = pool.submit(() -> t.database().inTransaction(tx -> {
                new StateRepository().upsert(tx, actor.orgId(), "ns", "k", "2", null, clock.millis());
                revivedUncommitted.countDown();
                awaitUninterruptibly(commitRevival);
                return null;
            }));
            revivedUncommitted.await();
            Future<Integer> purge = pool.submit(purger::purgeExpired);
            while (backendsWaitingForALock() == 0) {
                assertThat(purge.isDone()).as("the purge ended without waiting for the revived row").isFalse();
                Thread.onSpinWait();
            }
            commitRevival.countDown();
            revival.get();

            assertThat(purge.get()).isZero();
        } finally {
            pool.shutdownNow();
        }
        assertThat(state.get(actor, "ns", "k").value()).isEqualTo("2");
    }

    private long backendsWaitingForALock() {
        return t.database().read(sql -> sql.count("SELECT COUNT(*) AS n FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'"));
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The database is shared by this class's tests: first expire and purge whatever TTL rows they left. */
    private StatePurger purgerWithoutLeftovers(int batch) {
        StatePurger purger = new StatePurger(t.database(), clock, batch);
        clock.advance(Duration.ofDays(1));
        purger.purgeExpired();
        return purger;
    }

    @AcrossDatabases
    void concurrent_compare_and_set_increments_lose_no_update(TestPlane plane) throws Exception {
        use(plane);
        put("counter", "{\"value\": 0}");
        int workers = 6;
        int incrementsEach = 15;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                tasks.add(() -> {
                    int conflicts = 0;
                    for (int i = 0; i < incrementsEach; i++) {
                        while (true) {
                            StateEntry current = state.get(actor, "ns", "counter");
                            int next = current.valueNode().asInt() + 1;
                            try {
                                put("counter", "{\"value\": " + next + "}", new StateCondition.VersionIs(current.version()));
                                break;
                            } catch (PreconditionFailedException lost) {
                                conflicts++;
                            }
                        }
                    }
                    return conflicts;
                });
            }
            for (Future<Integer> result : pool.invokeAll(tasks)) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        StateEntry counter = state.get(actor, "ns", "counter");
        assertThat(counter.valueNode().asInt()).isEqualTo(workers * incrementsEach);
        assertThat(counter.version()).isEqualTo(workers * incrementsEach + 1L);
    }
}
