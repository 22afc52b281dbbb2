package dev.agentplane.server.interpret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.llm.FakeProvider;
import dev.agentplane.llm.LlmConfig;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.TestServer;
import dev.agentplane.testing.DatabaseKind;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** POST /v1/interpret on a server configured with a model (a local server speaking OpenAI's protocol). */
class InterpretModelApiTest {

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void the_model_answers_what_the_heuristics_could_not_and_its_tokens_are_metered(DatabaseKind kind) throws IOException {
        try (FakeProvider provider = FakeProvider.start()) {
            LlmConfig models = LlmConfig.parse(Json.YAML.readTree("""
                    models:
                      openai: {api_base: %s, api_key: "${OPENAI_API_KEY}", models: [gpt-4o-mini], max_retries: 0}
                    """.formatted(provider.apiBase())), Map.of("OPENAI_API_KEY", "sk-test"));
            try (TestServer server = TestServer.start(kind, "interpret-model", config -> config.withLlm(models))) {
                Api api = server.api();
                provider.completion("{\"product\": \"Widget Pro\"}", 120, 8)
                        .json(401, "{\"error\": {\"message\": \"Incorrect API key provided\", \"type\": \"invalid_request_error\"}}")
                        .completion("{\"product\": \"Gadget\"}", 40, 5);

                JsonNode result = api.post("/v1/interpret", """
                        {"data": "I bought the Widget Pro. Reach me at ann@example.com", "schema": {"email": "email", "product": "string"}}
                        """).expect(200).body();
                JsonNode failed = api.post("/v1/interpret", """
                        {"data": "x", "schema": {"product": "string"}, "strategy": "llm"}
                        """).expectProblem(502, null).body();
                api.post("/v1/workflows", "{\"name\": \"extract\", \"steps\": [{\"id\": \"read\", \"type\": \"interpret\", "
                        + "\"data\": \"${{ inputs.text }}\", \"schema\": {\"product\": \"string\"}}]}").expect(201);
                String execution = api.post("/v1/executions", "{\"workflow\": \"extract\", \"input\": {\"text\": \"the gadget\"}}")
                        .expect(201).id();
                JsonNode done = await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/v1/executions/" + execution)
                        .expect(200).body(), e -> !e.get("status").asText().equals("running"));
                JsonNode usage = api.get("/v1/usage").expect(200).body();

                assertThat(result.get("data")).isEqualTo(Json.parse("{\"email\": \"ann@example.com\", \"product\": \"Widget Pro\"}"));
                assertThat(result.get("strategy_used").asText()).isEqualTo("heuristic+llm");
                assertThat(result.get("model_used").asText()).isEqualTo("openai/gpt-4o-mini");
                assertThat(result.at("/tokens/total").asInt()).isEqualTo(128);
                assertThat(result.get("cost_estimate").decimalValue()).isPositive();
                assertThat(failed.get("detail").asText()).contains("OPENAI_API_KEY");
                assertThat(failed.get("reason").asText()).isEqualTo("authentication");
                assertThat(done.get("status").asText()).isEqualTo("completed");
                assertThat(done.get("tokens_in").asLong()).as("the step's model call counts on its execution").isEqualTo(40);
                assertThat(done.get("tokens_out").asLong()).isEqualTo(5);
                assertThat(done.get("cost_usd").asDouble()).isPositive();
                assertThat(usage.at("/totals/tokens_in").asLong()).isEqualTo(160);
                assertThat(usage.at("/totals/tokens_out").asLong()).isEqualTo(13);
            }
        }
    }
}
