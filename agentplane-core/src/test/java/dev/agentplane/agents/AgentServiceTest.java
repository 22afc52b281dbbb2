package dev.agentplane.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.audit.AuditFilter;
import dev.agentplane.common.Json;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

class AgentServiceTest {

    private static AgentFields fields(String name, String... capabilities) {
        return new AgentFields(name, "langchain", "reads invoices", List.of(capabilities), Json.object().put("model", "m1"));
    }

    @AcrossDatabases
    void registers_an_agent_and_reads_it_back(TestPlane t) {
        Agent created = t.plane().agents().register(t.actor(), fields("reader", "ocr"));

        Agent read = t.plane().agents().get(t.actor(), created.id());

        assertThat(read).isEqualTo(created);
        assertThat(read.status()).isEqualTo(Agent.ACTIVE);
        assertThat(read.capabilities()).containsExactly("ocr");
        assertThat(read.config().get("model").asText()).isEqualTo("m1");
    }

    @AcrossDatabases
    void names_are_unique_within_an_org_but_not_across_orgs(TestPlane t) {
        t.plane().agents().register(t.actor(), fields("reader"));

        assertThatThrownBy(() -> t.plane().agents().register(t.actor(), fields("reader")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("'reader' already exists");
        assertThat(t.plane().agents().register(t.otherOrg(), fields("reader")).name()).isEqualTo("reader");
    }

    @AcrossDatabases
    void another_org_cannot_see_the_agent(TestPlane t) {
        Agent created = t.plane().agents().register(t.actor(), fields("reader"));

        assertThatThrownBy(() -> t.plane().agents().get(t.otherOrg(), created.id())).isInstanceOf(NotFoundException.class);
        assertThat(t.plane().agents().list(t.otherOrg(), new AgentFilter(null, null, null), PageRequest.first(10)).items()).isEmpty();
    }

    @AcrossDatabases
    void lists_by_capability_status_and_framework_and_pages_with_cursors(TestPlane t) {
        for (int i = 0; i < 5; i++) {
            t.plane().agents().register(t.actor(), fields("ocr-" + i, "ocr", "pdf"));
        }
        Agent other = t.plane().agents().register(t.actor(), fields("mailer", "email"));
        t.plane().agents().deactivate(t.actor(), other.id());

        List<String> names = new ArrayList<>();
        PageRequest page = PageRequest.first(2);
        while (true) {
            Page<Agent> result = t.plane().agents().list(t.actor(), new AgentFilter(null, null, "ocr"), page);
            result.items().forEach(a -> names.add(a.name()));
            if (result.nextCursor() == null) {
                break;
            }
            page = new PageRequest(2, dev.agentplane.common.Cursor.decode(result.nextCursor()));
        }

        assertThat(names).containsExactly("ocr-4", "ocr-3", "ocr-2", "ocr-1", "ocr-0");
        assertThat(t.plane().agents().list(t.actor(), new AgentFilter("inactive", null, null), PageRequest.first(10)).items())
                .extracting(Agent::name).containsExactly("mailer");
        assertThat(t.plane().agents().list(t.actor(), new AgentFilter(null, "crewai", null), PageRequest.first(10)).items()).isEmpty();
    }

    @AcrossDatabases
    void update_changes_only_the_fields_given(TestPlane t) {
        Agent created = t.plane().agents().register(t.actor(), fields("reader", "ocr"));
        ObjectNode patch = Json.object().put("description", "reads receipts too");
        patch.putArray("capabilities").add("ocr").add("receipts");

        Agent updated = t.plane().agents().update(t.actor(), created.id(), patch);

        assertThat(updated.description()).isEqualTo("reads receipts too");
        assertThat(updated.capabilities()).containsExactly("ocr", "receipts");
        assertThat(updated.framework()).isEqualTo("langchain");
        assertThat(t.plane().agents().get(t.actor(), created.id())).isEqualTo(updated);
    }

    @AcrossDatabases
    void update_rejects_unknown_fields_and_bad_values_without_changing_anything(TestPlane t) {
        Agent created = t.plane().agents().register(t.actor(), fields("reader"));

        assertThatThrownBy(() -> t.plane().agents().update(t.actor(), created.id(), Json.object().put("colour", "red")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).pointer()).isEqualTo("/colour"));
        assertThatThrownBy(() -> t.plane().agents().update(t.actor(), created.id(), Json.object().put("name", "bad name!")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).pointer()).isEqualTo("/name"));
        assertThat(t.plane().agents().get(t.actor(), created.id())).isEqualTo(created);
    }

    @AcrossDatabases
    void heartbeat_records_last_seen_and_deactivate_marks_inactive(TestPlane t) {
        Agent created = t.plane().agents().register(t.actor(), fields("reader"));
        t.clock().advance(Duration.ofMinutes(5));

        Agent beat = t.plane().agents().heartbeat(t.actor(), created.id());
        Agent inactive = t.plane().agents().deactivate(t.actor(), created.id());

        assertThat(beat.lastSeen()).isEqualTo(t.clock().instant());
        assertThat(inactive.status()).isEqualTo(Agent.INACTIVE);
        assertThat(inactive.lastSeen()).isEqualTo(beat.lastSeen());
    }

    @AcrossDatabases
    void patches_of_different_fields_made_at_once_all_survive(TestPlane t) throws Exception {
        Agent agent = t.plane().agents().register(t.actor(), fields("reader", "ocr"));
        int rounds = 15;
        List<Function<Integer, ObjectNode>> patches = List.of(
                round -> Json.object().put("framework", "framework-" + round),
                round -> Json.object().put("description", "description-" + round),
                round -> Json.object().set("config", Json.object().put("round", round)),
                round -> Json.object().set("capabilities", Json.MAPPER.valueToTree(List.of("capability-" + round))));

        allAtOnce(patches.stream().<Runnable>map(patch -> () -> {
            for (int round = 0; round < rounds; round++) {
                t.plane().agents().update(t.actor(), agent.id(), patch.apply(round));
            }
        }).toList());

        Agent last = t.plane().agents().get(t.actor(), agent.id());
        assertThat(last.framework()).isEqualTo("framework-" + (rounds - 1));
        assertThat(last.description()).isEqualTo("description-" + (rounds - 1));
        assertThat(last.config().get("round").asInt()).isEqualTo(rounds - 1);
        assertThat(last.capabilities()).containsExactly("capability-" + (rounds - 1));
    }

    @AcrossDatabases
    void a_heartbeat_racing_deactivation_neither_reactivates_the_agent_nor_is_lost(TestPlane t) throws Exception {
        t.clock().advance(Duration.ofMinutes(1));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            ids.add(t.plane().agents().register(t.actor(), fields("racer-" + i)).id());
        }

        for (String id : ids) {
            allAtOnce(List.of(() -> t.plane().agents().deactivate(t.actor(), id),
                    () -> t.plane().agents().heartbeat(t.actor(), id)));
        }

        assertThat(ids).allSatisfy(id -> {
            Agent agent = t.plane().agents().get(t.actor(), id);
            assertThat(agent.status()).isEqualTo(Agent.INACTIVE);
            assertThat(agent.lastSeen()).isEqualTo(t.clock().instant());
        });
    }

    /** Runs each task on its own thread, all started together, and rethrows the first failure. */
    private static void allAtOnce(List<Runnable> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CyclicBarrier start = new CyclicBarrier(tasks.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Runnable task : tasks) {
                running.add(pool.submit(() -> {
                    start.await();
                    task.run();
                    return null;
                }));
            }
            for (Future<?> done : running) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @AcrossDatabases
    void every_change_is_audited_and_a_refused_one_is_not(TestPlane t) {
        Agent created = t.plane().agents().register(t.actor(), fields("reader"));
        t.plane().agents().heartbeat(t.actor(), created.id());
        assertThatThrownBy(() -> t.plane().agents().register(t.actor(), fields("reader"))).isInstanceOf(ConflictException.class);

        var entries = t.plane().audit().list(t.actor(), new AuditFilter(null, null, null, "agent", null, null, null),
                PageRequest.first(10)).items();

        assertThat(entries).extracting(e -> e.action()).containsExactly("agent.heartbeat", "agent.create");
        assertThat(entries).allSatisfy(e -> assertThat(e.resourceId()).isEqualTo(created.id()));
    }

    @AcrossDatabases
    void registration_validates_every_field_at_once(TestPlane t) {
        AgentFields bad = new AgentFields("", null, null, List.of("ok", ""), Json.MAPPER.valueToTree(List.of(1)));

        assertThatThrownBy(() -> t.plane().agents().register(t.actor(), bad))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(err -> err.pointer()).containsExactly("/name", "/capabilities/1", "/config"));
    }
}
