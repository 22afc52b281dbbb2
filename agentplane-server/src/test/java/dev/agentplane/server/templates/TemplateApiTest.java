package dev.agentplane.server.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiResponse;
import dev.agentplane.server.testing.ApiTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** GET /v1/templates serves examples/workflows/templates from the jar; instantiating one stores it as a workflow. */
class TemplateApiTest {
    private static final Path TEMPLATES = Path.of("..", "examples", "workflows", "templates");

    private static List<String> templateFiles() throws IOException {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .map(f -> f.substring(0, f.length() - ".yaml".length())).sorted().toList();
        }
    }

    @ApiTest
    void lists_every_template_of_the_examples_with_its_inputs_and_step_types_page_by_page(Api api) throws IOException {
        List<JsonNode> all = api.listAll("/v1/templates");
        JsonNode firstPage = api.get("/v1/templates?limit=3").expect(200).body();
        JsonNode secondPage = api.get("/v1/templates?limit=3&cursor=" + firstPage.get("next_cursor").asText()).expect(200).body();

        assertThat(all).extracting(t -> t.get("name").asText()).containsExactlyElementsOf(templateFiles())
                .containsExactly("cost_aware_execution", "data_extraction", "error_recovery", "human_in_loop",
                        "multi_agent_handoff", "progressive_disclosure", "stateful_conversation");
        JsonNode humanInLoop = all.get(3);
        assertThat(humanInLoop.get("description").asText()).contains("approves");
        assertThat(humanInLoop.at("/inputs/reviewer/default").asText()).isEqualTo("support-leads");
        assertThat(humanInLoop.get("step_types")).extracting(JsonNode::asText)
                .containsExactly("approval", "set", "state.set", "switch", "tool");
        assertThat(all.get(1).get("step_types")).extracting(JsonNode::asText).contains("interpret", "approval");
        assertThat(firstPage.get("items")).extracting(t -> t.get("name").asText())
                .containsExactly("cost_aware_execution", "data_extraction", "error_recovery");
        assertThat(secondPage.at("/items/0/name").asText()).isEqualTo("human_in_loop");
        api.get("/v1/templates?limit=0").expectProblem(400, "limit");
    }

    @ApiTest
    void gets_a_template_as_written_and_parsed(Api api) throws IOException {
        JsonNode template = api.get("/v1/templates/error_recovery").expect(200).body();

        assertThat(template.get("source").asText()).isEqualTo(Files.readString(TEMPLATES.resolve("error_recovery.yaml")));
        assertThat(template.at("/definition/steps/0/retry/max_attempts").asInt()).isEqualTo(3);
        assertThat(template.get("step_types")).extracting(JsonNode::asText)
                .containsExactly("fail", "set", "state.get", "state.set", "task");
        assertThat(api.get("/v1/templates/nope").expectProblem(404, null).body().get("detail").asText())
                .contains("'nope'", "human_in_loop");
    }

    @ApiTest
    void instantiating_creates_a_version_of_a_workflow_in_the_callers_org_that_runs(Api api) {
        ApiResponse created = api.post("/v1/templates/progressive_disclosure/instantiate", null).expect(201);
        ApiResponse again = api.post("/v1/templates/progressive_disclosure/instantiate", "{}").expect(201);
        ApiResponse renamed = api.post("/v1/templates/progressive_disclosure/instantiate", "{\"name\": \"tickets\"}").expect(201);

        assertThat(created.header("Location")).isEqualTo("/v1/workflows/progressive_disclosure/versions/1");
        assertThat(again.body().get("version").asInt()).isEqualTo(2);
        assertThat(renamed.header("Location")).isEqualTo("/v1/workflows/tickets/versions/1");
        assertThat(renamed.body().at("/definition/name").asText()).isEqualTo("tickets");
        assertThat(renamed.body().get("source").asText()).contains("\nname: tickets\n").doesNotContain("name: progressive_disclosure");
        assertThat(api.get("/v1/workflows/tickets").expect(200).body().get("description").asText())
                .startsWith("Classifies a ticket");
        String execution = api.post("/v1/executions", Json.object().put("workflow", "tickets")).expect(201).id();
        JsonNode done = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> api.get("/v1/executions/" + execution).expect(200).body(),
                        e -> e.get("status").asText().equals("completed"));
        assertThat(done.at("/output/queue").asText()).isEqualTo("billing");
        assertThat(api.as(api.newKey("developer")).post("/v1/templates/cost_aware_execution/instantiate", null).expect(201)
                .body().get("name").asText()).isEqualTo("cost_aware_execution");
    }

    @ApiTest
    void bad_names_unknown_templates_and_readers_are_refused_and_store_nothing(Api api) {
        api.post("/v1/templates/human_in_loop/instantiate", "{\"name\": \"two words\"}").expectProblem(400, "/name");
        api.post("/v1/templates/human_in_loop/instantiate", "{\"name\": \"x\\nsteps: []\"}").expectProblem(400, "/name");
        api.post("/v1/templates/human_in_loop/instantiate", "{\"name\": \"\"}").expectProblem(400, "/name");
        api.post("/v1/templates/human_in_loop/instantiate", "{\"name\": \"" + "n".repeat(101) + "\"}").expectProblem(400, "/name");
        api.post("/v1/templates/human_in_loop/instantiate", "{\"title\": \"x\"}").expectProblem(400, "/title");
        api.post("/v1/templates/nope/instantiate", null).expectProblem(404, null);
        api.as(api.newKey("viewer")).post("/v1/templates/human_in_loop/instantiate", null).expectProblem(403, null);
        api.as(api.newKey("auditor")).get("/v1/templates/human_in_loop").expect(200);

        api.get("/v1/workflows/human_in_loop").expectProblem(404, null);
    }
}
