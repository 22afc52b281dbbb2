package dev.agentplane.server.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiResponse;
import dev.agentplane.server.testing.ApiTest;
import dev.agentplane.workflows.WorkflowService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

class WorkflowApiTest {

    static String yaml(String name, String... stepIds) {
        StringBuilder text = new StringBuilder("name: " + name + "\ndescription: test flow\nsteps:\n");
        for (String id : stepIds) {
            text.append("  - id: ").append(id).append("\n    type: tool\n    tool: core.echo\n");
        }
        return text.toString();
    }

    static ApiResponse createYaml(Api api, String name, String... stepIds) {
        return api.send("POST", "/v1/workflows", yaml(name, stepIds), "application/yaml");
    }

    @ApiTest
    void creates_versions_from_yaml_or_json_keeping_the_source(Api api) {
        String name = "flow-" + Api.unique();
        String json = "{\"name\": \"" + name + "\", \"steps\": [{\"id\": \"a\", \"type\": \"tool\", \"tool\": \"core.echo\"}]}";

        ApiResponse first = createYaml(api, name, "read", "write").expect(201);
        ApiResponse second = api.post("/v1/workflows", json).expect(201);
        ApiResponse third = api.send("POST", "/v1/workflows", yaml(name, "x"), "text/yaml; charset=utf-8").expect(201);
        ApiResponse fourth = api.send("POST", "/v1/workflows", yaml(name, "y"), "application/x-yaml").expect(201);

        assertThat(first.header("Location")).isEqualTo("/v1/workflows/" + name + "/versions/1");
        JsonNode created = first.body();
        assertThat(created.get("version").asInt()).isEqualTo(1);
        assertThat(created.get("active").asBoolean()).isTrue();
        assertThat(created.get("description").asText()).isEqualTo("test flow");
        assertThat(created.get("source").asText()).isEqualTo(yaml(name, "read", "write"));
        assertThat(created.at("/definition/steps/1/id").asText()).isEqualTo("write");
        assertThat(second.body().get("source").asText()).isEqualTo(json);
        assertThat(List.of(second, third, fourth)).extracting(r -> r.body().get("version").asInt()).containsExactly(2, 3, 4);
    }

    @ApiTest
    void concurrent_creates_of_one_name_get_distinct_versions(Api api) throws Exception {
        String name = "busy-" + Api.unique();
        List<CompletableFuture<List<Integer>>> creators = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            creators.add(CompletableFuture.supplyAsync(() -> IntStream.range(0, 3)
                    .mapToObj(n -> createYaml(api, name, "s").expect(201).body().get("version").asInt()).toList()));
        }
        List<Integer> versions = new ArrayList<>();
        for (CompletableFuture<List<Integer>> creator : creators) {
            versions.addAll(creator.get());
        }

        assertThat(versions).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 12).boxed().toList());
    }

    @ApiTest
    void other_content_types_get_415_naming_the_accepted_ones(Api api) {
        JsonNode problem = api.send("POST", "/v1/workflows", yaml("x", "a"), "text/plain").expectProblem(415, null).body();

        assertThat(problem.get("detail").asText()).contains("text/plain", "application/json", "application/yaml");
    }

    @ApiTest
    void invalid_definitions_name_the_pointer_and_the_line(Api api) {
        JsonNode problem = api.send("POST", "/v1/workflows", """
                name: broken
                steps:
                  - id: a
                    type: tool
                    tool: core.echo
                  - id: a
                """, "application/yaml").expectProblem(400, "/steps/1/id").body();
        assertThat(problem.get("errors")).extracting(e -> e.get("pointer").asText())
                .containsExactly("/steps/1/id", "/steps/1/type");
        assertThat(problem.at("/errors/0/detail").asText()).contains("already the id of /steps/0", "(line 6)");

        api.send("POST", "/v1/workflows", "name: broken\nsteps: [\n", "application/yaml").expectProblem(400, "/steps");
        api.post("/v1/workflows", "{\"name\": \"broken\", \"steps\": [{\"id\": 1, \"type\": \"tool\"}]}")
                .expectProblem(400, "/steps/0/id");
        api.post("/v1/workflows", "{\"name\": \"bad name\"").expectProblem(400, "");
        api.post("/v1/workflows", "{\"steps\": []}").expectProblem(400, "/name");
        api.send("POST", "/v1/workflows", "", "application/yaml").expectProblem(400, "");
        api.get("/v1/workflows/broken").expectProblem(404, null);
    }

    @ApiTest
    void an_oversized_definition_gets_413_with_the_limit(Api api) {
        String huge = yaml("huge", "a") + "    note: " + "x".repeat(WorkflowService.MAX_SOURCE_BYTES) + "\n";

        JsonNode problem = api.send("POST", "/v1/workflows", huge, "application/yaml").expectProblem(413, null).body();

        assertThat(problem.get("limit_bytes").asInt()).isEqualTo(WorkflowService.MAX_SOURCE_BYTES);
    }

    @ApiTest
    void get_returns_the_latest_active_version_until_none_is_left(Api api) {
        String name = "flow-" + Api.unique();
        createYaml(api, name, "a").expect(201);
        createYaml(api, name, "b").expect(201);

        assertThat(api.get("/v1/workflows/" + name).expect(200).body().get("version").asInt()).isEqualTo(2);
        JsonNode deactivated = api.post("/v1/workflows/" + name + "/versions/2/deactivate", null).expect(200).body();
        assertThat(deactivated.get("active").asBoolean()).isFalse();
        assertThat(api.get("/v1/workflows/" + name).expect(200).body().get("version").asInt()).isEqualTo(1);
        assertThat(api.get("/v1/workflows/" + name + "/versions/2").expect(200).body().get("active").asBoolean()).isFalse();

        api.post("/v1/workflows/" + name + "/versions/1/deactivate", null).expect(200);
        assertThat(api.get("/v1/workflows/" + name).expectProblem(404, null).body().get("detail").asText())
                .contains("no active version");
    }

    @ApiTest
    void unknown_names_and_versions_are_404_and_malformed_ones_400(Api api) {
        String name = "flow-" + Api.unique();
        createYaml(api, name, "a").expect(201);

        api.get("/v1/workflows/nothing-" + Api.unique()).expectProblem(404, null);
        api.get("/v1/workflows/" + name + "/versions/9").expectProblem(404, null);
        api.get("/v1/workflows/nothing-" + Api.unique() + "/versions").expectProblem(404, null);
        api.post("/v1/workflows/" + name + "/versions/9/deactivate", null).expectProblem(404, null);
        api.get("/v1/workflows/" + name + "/versions/one").expectProblem(400, "version");
        api.get("/v1/workflows/" + name + "/versions/0").expectProblem(400, "version");
        api.post("/v1/workflows/" + name + "/versions/x/deactivate", null).expectProblem(400, "version");
        api.get("/v1/workflows/-bad").expectProblem(400, "name");
        api.get("/v1/workflows/-bad/versions").expectProblem(400, "name");
    }

    @ApiTest
    void lists_latest_versions_by_name_and_all_versions_newest_first(Api api) {
        String prefix = "lst" + Api.unique() + ".";
        createYaml(api, prefix + "b", "a").expect(201);
        createYaml(api, prefix + "a", "a").expect(201);
        createYaml(api, prefix + "a", "a2").expect(201);
        createYaml(api, prefix + "c", "a").expect(201);
        api.post("/v1/workflows/" + prefix + "c/versions/1/deactivate", null).expect(200);

        List<JsonNode> latest = api.listAll("/v1/workflows?limit=1&name_prefix=" + prefix);
        List<JsonNode> active = api.listAll("/v1/workflows?active=true&name_prefix=" + prefix);
        List<JsonNode> versions = api.listAll("/v1/workflows/" + prefix + "a/versions?limit=1");

        assertThat(latest).extracting(w -> w.get("name").asText() + "@" + w.get("version").asInt())
                .containsExactly(prefix + "a@2", prefix + "b@1", prefix + "c@1");
        assertThat(active).extracting(w -> w.get("name").asText()).containsExactly(prefix + "a", prefix + "b");
        assertThat(versions).extracting(w -> w.get("version").asInt()).containsExactly(2, 1);
        api.get("/v1/workflows?active=yes").expectProblem(400, "active");
        api.get("/v1/workflows?colour=red").expectProblem(400, "colour");
        api.get("/v1/workflows/" + prefix + "a/versions?cursor=bogus").expectProblem(400, "cursor");
    }

    @ApiTest
    void a_viewer_can_read_but_not_create(Api api) {
        Api viewer = api.as(api.newKey("viewer"));
        String name = "flow-" + Api.unique();

        viewer.send("POST", "/v1/workflows", yaml(name, "a"), "application/yaml").expectProblem(403, null);
        createYaml(api, name, "a").expect(201);
        viewer.get("/v1/workflows/" + name).expect(200);
        api.as(null).get("/v1/workflows").expectProblem(401, null);
    }
}
