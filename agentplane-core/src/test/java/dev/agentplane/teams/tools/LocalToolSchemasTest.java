package dev.agentplane.teams.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import dev.agentplane.common.Json;
import dev.agentplane.teams.tools.file.FileSettings;
import dev.agentplane.teams.tools.file.FileTool;
import dev.agentplane.teams.tools.file.SaveFileTool;
import dev.agentplane.teams.tools.http.HttpSettings;
import dev.agentplane.teams.tools.http.HttpTool;
import dev.agentplane.teams.tools.terminal.TerminalSettings;
import dev.agentplane.teams.tools.terminal.TerminalTool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schemas terminal, file, saveFile and http offer to models are valid JSON Schema and describe real calls. */
class LocalToolSchemasTest {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @Test
    void every_schema_is_a_valid_object_schema_that_accepts_a_real_call_and_rejects_a_wrong_one() throws Exception {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        Map<AgentTool, List<String>> calls = Map.of(
                new TerminalTool(TerminalSettings.defaults()), List.of("{\"command\": \"ls\", \"timeout_seconds\": 5}", "{\"cmd\": \"ls\"}"),
                new FileTool(FileSettings.defaults()), List.of("{\"operation\": \"search\", \"pattern\": \"x\", \"regex\": true}", "{\"operation\": \"delete\"}"),
                new SaveFileTool(FileSettings.defaults()), List.of("{\"path\": \"a.md\", \"content\": \"\"}", "{\"path\": \"a.md\"}"),
                new HttpTool(HttpSettings.defaults()), List.of("{\"method\": \"POST\", \"url\": \"https://x.example\", \"body\": {\"a\": 1}}", "{\"method\": \"PUT\", \"url\": \"u\"}"));
        for (Map.Entry<AgentTool, List<String>> entry : calls.entrySet()) {
            AgentTool tool = entry.getKey();
            assertThat(tool.name()).matches("[A-Za-z0-9_-]{1,64}");
            assertThat(tool.description()).isNotBlank();
            assertThat(meta.validate(tool.parameters())).as(tool.name()).isEmpty();
            assertThat(tool.parameters().get("type").asText()).isEqualTo("object");
            JsonSchema schema = FACTORY.getSchema(tool.parameters());
            assertThat(schema.validate(Json.parse(entry.getValue().get(0)))).as(tool.name()).isEmpty();
            assertThat(schema.validate(Json.parse(entry.getValue().get(1)))).as(tool.name()).isNotEmpty();
        }
    }
}
