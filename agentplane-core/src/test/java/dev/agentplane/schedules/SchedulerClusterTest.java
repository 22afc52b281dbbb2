package dev.agentplane.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.AgentPlane;
import dev.agentplane.store.Database;
import dev.agentplane.store.DatabaseSettings;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.testing.DatabaseKind;
import dev.agentplane.testing.MutableClock;
import dev.agentplane.testing.TestOrgs;
import dev.agentplane.workflows.WorkflowFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two AgentPlane nodes (each with its own connection pool) on one database run their fire loops at the same moments,
 * two threads each, over many due fire times: every (schedule, fire time) starts exactly one execution.
 */
class SchedulerClusterTest {
    private static final int SCHEDULES = 20;
    private static final int MINUTES = 30;
    private static final int LOOPS_PER_NODE = 2;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void nodes_firing_at_once_start_exactly_one_execution_per_schedule_and_fire_time(DatabaseKind kind) throws Exception {
        DatabaseSettings settings = kind.freshDatabase("schedulecluster");
        MutableClock clock = new MutableClock(Instant.parse("2026-05-04T08:00:30Z"));
        ExecutorService threads = Executors.newFixedThreadPool(2 * LOOPS_PER_NODE);
        try (Database first = Database.open(settings); Database second = Database.open(settings)) {
            List<AgentPlane> nodes = List.of(AgentPlane.create(first, clock), AgentPlane.create(second, clock));
            Actor actor = TestOrgs.create(first);
            nodes.get(0).workflows().create(actor, WorkflowFormat.YAML, "name: tick\nsteps:\n  - {id: a, type: set, values: {}}\n");
            for (int i = 0; i < SCHEDULES; i++) {
                nodes.get(i % 2).schedules().create(actor, new ScheduleFields("tick-" + i, "tick", null, "* * * * *",
                        "Europe/Paris", null, null, null));
            }

            long[] firedByNode = new long[2];
            for (int minute = 0; minute < MINUTES; minute++) {
                clock.advance(Duration.ofMinutes(1));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> loops = new ArrayList<>();
                for (int loop = 0; loop < 2 * LOOPS_PER_NODE; loop++) {
                    AgentPlane node = nodes.get(loop % 2);
                    loops.add(threads.submit(() -> {
                        go.await();
                        return node.scheduler().fireDue();
                    }));
                }
                go.countDown();
                for (int loop = 0; loop < loops.size(); loop++) {
                    firedByNode[loop % 2] += loops.get(loop).get();
                }
            }

            long expected = (long) SCHEDULES * MINUTES;
            assertThat(firedByNode[0] + firedByNode[1]).as("fires handled by both nodes").isEqualTo(expected);
            assertThat(firedByNode[0]).as("fires handled by the first node").isPositive();
            assertThat(firedByNode[1]).as("fires handled by the second node").isPositive();
            assertThat(count(first, "SELECT COUNT(*) AS n FROM schedule_fires WHERE org_id = ? AND status = 'started'", actor))
                    .isEqualTo(expected);
            assertThat(count(first, "SELECT COUNT(DISTINCT execution_id) AS n FROM schedule_fires WHERE org_id = ?", actor))
                    .isEqualTo(expected);
            assertThat(count(first, "SELECT COUNT(*) AS n FROM executions WHERE org_id = ?", actor)).isEqualTo(expected);
            assertThat(count(first, "SELECT COUNT(*) AS n FROM (SELECT schedule_id FROM schedule_fires WHERE org_id = ? "
                    + "GROUP BY schedule_id HAVING COUNT(*) = " + MINUTES + ") per_schedule", actor)).isEqualTo(SCHEDULES);
            assertThat(count(first, "SELECT COUNT(*) AS n FROM schedules WHERE org_id = ? AND next_fire_at = "
                    + clock.instant().plusSeconds(30).toEpochMilli(), actor)).as("every schedule waits for the next minute")
                    .isEqualTo(SCHEDULES);
        } finally {
            threads.shutdownNow();
        }
    }

    private static long count(Database database, String sql, Actor actor) {
        return database.read(read -> read.count(sql, actor.orgId()));
    }
}
