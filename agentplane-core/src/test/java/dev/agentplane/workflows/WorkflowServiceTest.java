package dev.agentplane.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.audit.AuditFilter;
import dev.agentplane.common.Cursor;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.common.problems.PayloadTooLargeException;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;

class WorkflowServiceTest {

    static String yaml(String name, String... stepIds) {
        StringBuilder text = new StringBuilder("name: " + name + "\ndescription: handles " + name + "\nsteps:\n");
        for (String id : stepIds) {
            text.append("  - id: ").append(id).append("\n    type: tool\n    tool: core.echo\n");
        }
        return text.toString();
    }

    private static Workflow create(TestPlane t, String name, String... stepIds) {
        return t.plane().workflows().create(t.actor(), WorkflowFormat.YAML, yaml(name, stepIds));
    }

    @AcrossDatabases
    void creates_a_workflow_from_yaml_keeping_the_submitted_text(TestPlane t) {
        String source = "# invoice flow\n" + yaml("invoices", "read", "post");

        Workflow created = t.plane().workflows().create(t.actor(), WorkflowFormat.YAML, source);

        assertThat(created.version()).isEqualTo(1);
        assertThat(created.active()).isTrue();
        assertThat(created.source()).isEqualTo(source);
        assertThat(created.description()).isEqualTo("handles invoices");
        assertThat(created.definition().at("/steps/1/id").asText()).isEqualTo("post");
        assertThat(t.plane().workflows().getVersion(t.actor(), "invoices", 1)).isEqualTo(created);
    }

    @AcrossDatabases
    void creates_a_workflow_from_json(TestPlane t) {
        String source = "{\"name\": \"mail\", \"steps\": [{\"id\": \"send\", \"type\": \"tool\", \"tool\": \"smtp\"}]}";

        Workflow created = t.plane().workflows().create(t.actor(), WorkflowFormat.JSON, source);

        assertThat(created.source()).isEqualTo(source);
        assertThat(created.description()).isNull();
        assertThat(created.definition().at("/steps/0/tool").asText()).isEqualTo("smtp");
    }

    @AcrossDatabases
    void versions_are_numbered_per_name_within_the_org(TestPlane t) {
        create(t, "a", "s1");
        create(t, "a", "s1", "s2");
        create(t, "b", "s1");

        assertThat(create(t, "a", "s3").version()).isEqualTo(3);
        assertThat(t.plane().workflows().create(t.otherOrg(), WorkflowFormat.YAML, yaml("a", "x")).version()).isEqualTo(1);
    }

    @AcrossDatabases
    void concurrent_creates_of_one_name_get_distinct_consecutive_versions(TestPlane t) throws Exception {
        int threads = 6;
        int perThread = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Integer>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Callable<List<Integer>> creator = () -> IntStream.range(0, perThread)
                        .mapToObj(n -> create(t, "contended", "step").version()).toList();
                results.add(pool.submit(creator));
            }
            List<Integer> versions = new ArrayList<>();
            for (Future<List<Integer>> result : results) {
                versions.addAll(result.get());
            }
            assertThat(versions).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, threads * perThread).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @AcrossDatabases
    void get_returns_the_latest_active_version_and_404_when_none_is_active(TestPlane t) {
        create(t, "flow", "one");
        create(t, "flow", "two");
        assertThat(t.plane().workflows().get(t.actor(), "flow").version()).isEqualTo(2);

        Workflow deactivated = t.plane().workflows().deactivate(t.actor(), "flow", 2);

        assertThat(deactivated.active()).isFalse();
        assertThat(t.plane().workflows().getVersion(t.actor(), "flow", 2).active()).isFalse();
        assertThat(t.plane().workflows().get(t.actor(), "flow").version()).isEqualTo(1);

        t.plane().workflows().deactivate(t.actor(), "flow", 1);
        assertThatThrownBy(() -> t.plane().workflows().get(t.actor(), "flow"))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.detail()).contains("'flow' has no active version"));
    }

    @AcrossDatabases
    void unknown_names_and_versions_are_404_and_invalid_names_400(TestPlane t) {
        create(t, "flow", "one");

        assertThatThrownBy(() -> t.plane().workflows().get(t.actor(), "nope")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> t.plane().workflows().getVersion(t.actor(), "flow", 7))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.detail()).contains("'flow' has no version 7"));
        assertThatThrownBy(() -> t.plane().workflows().deactivate(t.actor(), "flow", 7)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> t.plane().workflows().get(t.otherOrg(), "flow")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> t.plane().workflows().get(t.actor(), "bad name"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).parameter()).isEqualTo("name"));
    }

    @AcrossDatabases
    void lists_the_latest_version_of_each_name_by_name_with_filters_and_cursors(TestPlane t) {
        for (String name : List.of("etl.b", "etl.a", "mail", "etl.c")) {
            create(t, name, "one");
        }
        create(t, "etl.a", "two");
        t.plane().workflows().deactivate(t.actor(), "etl.c", 1);

        List<Workflow> all = collect(page -> t.plane().workflows().list(t.actor(), new WorkflowFilter(null, null), page));

        assertThat(all).extracting(Workflow::name).containsExactly("etl.a", "etl.b", "etl.c", "mail");
        assertThat(all.get(0).version()).isEqualTo(2);
        assertThat(t.plane().workflows().list(t.actor(), new WorkflowFilter("etl.", true), PageRequest.first(10)).items())
                .extracting(Workflow::name).containsExactly("etl.a", "etl.b");
        assertThat(t.plane().workflows().list(t.actor(), new WorkflowFilter(null, false), PageRequest.first(10)).items())
                .extracting(Workflow::name).containsExactly("etl.c");
        assertThat(t.plane().workflows().list(t.actor(), new WorkflowFilter("ETL", null), PageRequest.first(10)).items())
                .isEmpty();
    }

    @AcrossDatabases
    void lists_versions_newest_first_and_404_for_an_unknown_name(TestPlane t) {
        for (int i = 0; i < 5; i++) {
            create(t, "flow", "s" + i);
        }

        List<Workflow> versions = collect(page -> t.plane().workflows().listVersions(t.actor(), "flow", page));

        assertThat(versions).extracting(Workflow::version).containsExactly(5, 4, 3, 2, 1);
        assertThatThrownBy(() -> t.plane().workflows().listVersions(t.actor(), "other", PageRequest.first(10)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> t.plane().workflows().listVersions(t.actor(), "flow",
                new PageRequest(2, "not-a-number"))).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors().get(0).parameter()).isEqualTo("cursor"));
    }

    @AcrossDatabases
    void an_invalid_or_oversized_definition_is_refused_and_stores_nothing(TestPlane t) {
        assertThatThrownBy(() -> t.plane().workflows().create(t.actor(), WorkflowFormat.YAML, "name: flow\nsteps: []\n"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).pointer()).isEqualTo("/steps"));
        String huge = yaml("flow", "a") + "    note: " + "x".repeat(WorkflowService.MAX_SOURCE_BYTES) + "\n";
        assertThatThrownBy(() -> t.plane().workflows().create(t.actor(), WorkflowFormat.YAML, huge))
                .isInstanceOf(PayloadTooLargeException.class);

        assertThat(t.plane().workflows().list(t.actor(), new WorkflowFilter(null, null), PageRequest.first(10)).items()).isEmpty();
        assertThat(audit(t, t.actor())).isEmpty();
    }

    @AcrossDatabases
    void creating_and_deactivating_are_audited(TestPlane t) {
        Workflow created = create(t, "flow", "one");
        t.plane().workflows().deactivate(t.actor(), "flow", 1);

        assertThat(audit(t, t.actor())).containsExactly("workflow.deactivate " + created.id(), "workflow.create " + created.id());
    }

    private static List<String> audit(TestPlane t, Actor actor) {
        return t.plane().audit().list(actor, new AuditFilter(null, null, null, "workflow", null, null, null),
                PageRequest.first(10)).items().stream().map(e -> e.action() + " " + e.resourceId()).toList();
    }

    private static List<Workflow> collect(Function<PageRequest, Page<Workflow>> lister) {
        List<Workflow> all = new ArrayList<>();
        PageRequest page = PageRequest.first(2);
        while (true) {
            Page<Workflow> result = lister.apply(page);
            all.addAll(result.items());
            if (result.nextCursor() == null) {
                return all;
            }
            page = new PageRequest(2, Cursor.decode(result.nextCursor()));
        }
    }
}
