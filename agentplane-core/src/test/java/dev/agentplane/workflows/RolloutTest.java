package dev.agentplane.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.StartExecution;
import dev.agentplane.executions.VersionStats;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

class RolloutTest {

    private static void versions(TestPlane t, String name, int count) {
        for (int i = 0; i < count; i++) {
            t.plane().workflows().create(t.actor(), WorkflowFormat.YAML, "name: " + name + "\nsteps: [{id: a, type: sleep, duration: 1h}]\n");
        }
    }

    private static Execution start(TestPlane t, String name, String routingKey) {
        return t.plane().executions().start(t.actor(), new StartExecution(name, null, null, null, routingKey));
    }

    @AcrossDatabases
    void new_executions_split_by_weight_and_a_routing_key_always_lands_on_the_same_version(TestPlane t) {
        versions(t, "split", 3);
        t.plane().workflows().setRollout(t.actor(), "split", new SetRollout(List.of(
                new Rollout.Share(1, 50), new Rollout.Share(2, 50), new Rollout.Share(3, 0))));

        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            counts.merge(start(t, "split", null).workflowVersion(), 1, Integer::sum);
        }
        int customerVersion = start(t, "split", "customer-42").workflowVersion();

        assertThat(counts).containsOnlyKeys(1, 2);
        assertThat(counts.get(1)).isBetween(60, 140);
        for (int i = 0; i < 20; i++) {
            assertThat(start(t, "split", "customer-42").workflowVersion()).isEqualTo(customerVersion);
        }
        assertThat(t.plane().executions().start(t.actor(), new StartExecution("split", 3, null, null)).workflowVersion()).isEqualTo(3);
        List<VersionStats> compared = t.plane().executions().compareVersions(t.actor(), "split", null, null);
        assertThat(compared).extracting(VersionStats::version).containsExactly(1, 2, 3);
        assertThat(compared.stream().mapToLong(v -> v.stats().total()).sum()).isEqualTo(222);
    }

    @AcrossDatabases
    void a_deactivated_version_drops_out_and_removing_the_rollout_runs_the_latest_again(TestPlane t) {
        versions(t, "canary", 2);
        t.plane().workflows().setRollout(t.actor(), "canary", new SetRollout(List.of(new Rollout.Share(1, 1), new Rollout.Share(2, 1))));
        t.plane().workflows().deactivate(t.actor(), "canary", 1);

        for (int i = 0; i < 10; i++) {
            assertThat(start(t, "canary", "k" + i).workflowVersion()).isEqualTo(2);
        }
        versions(t, "canary", 1);
        assertThat(start(t, "canary", null).workflowVersion()).isEqualTo(2);
        t.plane().workflows().deleteRollout(t.actor(), "canary");

        assertThat(start(t, "canary", null).workflowVersion()).isEqualTo(3);
        assertThatThrownBy(() -> t.plane().workflows().getRollout(t.actor(), "canary")).isInstanceOf(NotFoundException.class);
    }

    @AcrossDatabases
    void a_rollout_names_existing_active_versions_with_sensible_weights(TestPlane t) {
        versions(t, "checked", 2);
        t.plane().workflows().deactivate(t.actor(), "checked", 2);

        assertThatThrownBy(() -> t.plane().workflows().setRollout(t.actor(), "checked", new SetRollout(List.of(new Rollout.Share(7, 1)))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).pointer()).isEqualTo("/versions/0/version"));
        assertThatThrownBy(() -> t.plane().workflows().setRollout(t.actor(), "checked", new SetRollout(List.of(new Rollout.Share(1, 1), new Rollout.Share(2, 1)))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).pointer()).isEqualTo("/versions/1/version"));
        assertThatThrownBy(() -> t.plane().workflows().setRollout(t.actor(), "checked", new SetRollout(List.of(new Rollout.Share(1, 0)))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).pointer()).isEqualTo("/versions"));
        assertThatThrownBy(() -> t.plane().workflows().setRollout(t.actor(), "checked", new SetRollout(List.of(new Rollout.Share(1, 1), new Rollout.Share(1, 2)))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).pointer()).isEqualTo("/versions/1/version"));
        assertThatThrownBy(() -> t.plane().workflows().setRollout(t.actor(), "ghost", new SetRollout(List.of(new Rollout.Share(1, 1)))))
                .isInstanceOf(NotFoundException.class);
        assertThat(t.plane().workflows().setRollout(t.actor(), "checked", new SetRollout(List.of(new Rollout.Share(1, 5), new Rollout.Share(2, 0))))
                .totalWeight()).isEqualTo(5);
    }
}
