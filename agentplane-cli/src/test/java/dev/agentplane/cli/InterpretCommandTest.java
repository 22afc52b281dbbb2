package dev.agentplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.llm.FakeProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `agentplane interpret`: a file or stdin against a schema file, text or JSON out, exit codes for CI. */
class InterpretCommandTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void reads_a_text_file_into_the_schema_and_exits_0_when_sure() throws IOException {
        Path schema = file("s.json", "{\"name\": \"string\", \"email\": \"email\", \"age\": \"integer\"}");
        Path input = file("in.txt", "John Smith, email: john@acme.com, he's 32");

        CliRun run = CliRun.of("interpret", "--schema", schema.toString(), input.toString(), "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = Json.parse(run.out());
        assertThat(result.get("data")).isEqualTo(Json.parse("{\"name\": \"John Smith\", \"email\": \"john@acme.com\", \"age\": 32}"));
    }

    @Test
    void prints_a_table_and_exits_1_when_the_result_should_be_escalated() throws IOException {
        Path schema = file("s.yaml", "due: date\ntotal: currency\nphone: phone\n");
        Path input = file("in.txt", "Fällig: 03.04.2024\nSumme: 1.234,50 €");

        CliRun run = CliRun.of("interpret", "--schema", schema.toString(), "--locale", "de-DE", input.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("total", "{\"amount\":1234.5,\"currency\":\"EUR\"}", "phone", "(not found)",
                "should escalate");
    }

    @Test
    void asks_the_model_of_the_config_file_for_what_the_heuristics_could_not_settle() throws IOException {
        try (FakeProvider provider = FakeProvider.start()) {
            provider.completion("{\"product\": \"Widget Pro\"}", 90, 7);
            Path config = file("config.yaml", "models:\n  local: {api_base: \"" + provider.apiBase() + "\", models: [llama3.1]}\n");
            Path schema = file("s.json", "{\"email\": \"email\", \"product\": \"string\"}");
            Path input = file("in.txt", "I bought the Widget Pro. Reach me at ann@example.com");

            CliRun run = CliRun.of("interpret", "--schema", schema.toString(), "--config", config.toString(), input.toString(),
                    "--output", "json");

            JsonNode result = Json.parse(run.out());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(result.at("/data/product").asText()).isEqualTo("Widget Pro");
            assertThat(result.get("model_used").asText()).isEqualTo("local/llama3.1");
            assertThat(result.get("cost_estimate").decimalValue()).as("a local model costs nothing").isZero();
        }
    }

    @Test
    void an_invalid_schema_exits_2_naming_the_field() throws IOException {
        Path schema = file("s.json", "{\"age\": \"years\"}");

        CliRun run = CliRun.of("interpret", "--schema", schema.toString(), file("in.txt", "x").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("/schema/age", "is not a known type");
    }
}
