package dev.agentplane.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

class SchemaApiTest {
    private static final Path SOURCE = Path.of("..", "schemas", "workflow.schema.json");

    @ApiTest
    void the_workflow_schema_is_served_without_a_key_as_the_file_in_schemas(Api api) throws IOException {
        var response = api.as(null).get("/schemas/workflow.schema.json").expect(200);

        assertThat(response.header("Content-Type")).startsWith("application/schema+json");
        assertThat(response.text()).isEqualTo(Files.readString(SOURCE));
        assertThat(response.body().get("$id").asText()).isEqualTo("https://agentplane.dev/schemas/workflow.schema.json");
        api.as(null).get("/schemas/workflow.schema.json?version=2").expectProblem(400, "version");
    }

    @ApiTest
    void the_team_schema_is_served_without_a_key_as_the_file_in_schemas(Api api) throws IOException {
        var response = api.as(null).get("/schemas/team.schema.json").expect(200);

        assertThat(response.text()).isEqualTo(Files.readString(Path.of("..", "schemas", "team.schema.json")));
        assertThat(response.body().get("$id").asText()).isEqualTo("https://agentplane.dev/schemas/team.schema.json");
    }
}
