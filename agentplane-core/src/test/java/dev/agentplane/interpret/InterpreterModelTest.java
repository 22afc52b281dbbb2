package dev.agentplane.interpret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.llm.FakeProvider;
import dev.agentplane.llm.LlmConfig;
import dev.agentplane.llm.Models;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Interpret with a model behind a local server that speaks OpenAI's chat completions protocol. */
class InterpreterModelTest {
    private FakeProvider provider;
    private Interpreter interpreter;

    @BeforeEach
    void start() throws IOException {
        provider = FakeProvider.start();
        LlmConfig config = LlmConfig.parse(Json.YAML.readTree("""
                models:
                  openai: {api_base: %s, api_key: "${OPENAI_API_KEY}", models: [gpt-4o-mini], max_retries: 0}
                """.formatted(provider.apiBase())), Map.of("OPENAI_API_KEY", "sk-test"));
        interpreter = new Interpreter(Clock.fixed(Instant.parse("2024-03-01T10:00:00Z"), ZoneOffset.UTC),
                new LlmModelExtractor(Models.create(config)));
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    private InterpretResult interpret(String strategy, String data, String schema) {
        return interpreter.interpret(new InterpretRequest(Json.MAPPER.getNodeFactory().textNode(data), Json.parse(schema),
                "a support e-mail", null, null, strategy, null, false));
    }

    @Test
    void auto_asks_the_model_only_for_the_fields_the_heuristics_could_not_settle() {
        provider.completion("{\"product\": \"Widget Pro\"}", 120, 8);

        InterpretResult result = interpret("auto", "Hi, I bought the Widget Pro last week. Reach me at ann@example.com",
                "{\"email\": \"email\", \"product\": \"string\"}");

        JsonNode asked = provider.lastRequest().body();
        assertThat(asked.at("/response_format/json_schema/schema/properties").fieldNames()).toIterable().containsExactly("product");
        assertThat(asked.at("/messages/1/content").asText()).contains("a support e-mail", "Widget Pro");
        assertThat(result.data()).isEqualTo(Json.parse("{\"email\": \"ann@example.com\", \"product\": \"Widget Pro\"}"));
        assertThat(result.confidence().get("product")).isEqualTo(LlmModelExtractor.MODEL_CONFIDENCE);
        assertThat(result.strategyUsed()).isEqualTo("heuristic+llm");
        assertThat(result.modelUsed()).isEqualTo("openai/gpt-4o-mini");
        assertThat(result.tokens()).isEqualTo(new InterpretResult.Tokens(120, 8, 128));
        assertThat(result.costEstimate()).isPositive();
    }

    @Test
    void a_settled_input_costs_no_model_call() {
        InterpretResult result = interpret("auto", "email: ann@example.com", "{\"email\": \"email\"}");

        assertThat(provider.received()).isEmpty();
        assertThat(result.strategyUsed()).isEqualTo("heuristic");
        assertThat(result.modelUsed()).isNull();
    }

    @Test
    void llm_normalizes_and_checks_the_answer_and_repairs_one_that_is_not_json() {
        provider.completion("Sure! Here it is: product Widget", 50, 6)
                .completion("{\"phone\": \"(415) 555-0123\", \"status\": \"deleted\", \"due\": \"2024-03-05\"}", 70, 20);

        InterpretResult result = interpret("llm", "call (415) 555-0123, ticket deleted, due Tuesday",
                "{\"phone\": \"phone\", \"status\": \"enum:open|closed\", \"due\": \"date\"}");

        assertThat(provider.received()).hasSize(2);
        assertThat(provider.lastRequest().body().at("/messages/2/role").asText()).isEqualTo("assistant");
        assertThat(result.data()).isEqualTo(Json.parse("{\"phone\": \"+14155550123\", \"due\": \"2024-03-05\"}"));
        assertThat(result.missingFields()).containsExactly("status");
        assertThat(result.notes()).anyMatch(note -> note.contains("asked once more"))
                .anyMatch(note -> note.startsWith("status: the model answered \"deleted\""));
        assertThat(result.tokens()).isEqualTo(new InterpretResult.Tokens(120, 26, 146));
        assertThat(result.strategyUsed()).isEqualTo("llm");
    }

    @Test
    void a_failing_model_leaves_auto_with_the_heuristic_answer_and_fails_llm_with_what_to_fix() {
        provider.json(401, "{\"error\": {\"message\": \"Incorrect API key provided\", \"type\": \"invalid_request_error\"}}")
                .json(401, "{\"error\": {\"message\": \"Incorrect API key provided\", \"type\": \"invalid_request_error\"}}");

        InterpretResult auto = interpret("auto", "email ann@example.com about the Widget", "{\"email\": \"email\", \"product\": \"string\"}");

        assertThat(auto.data()).isEqualTo(Json.parse("{\"email\": \"ann@example.com\"}"));
        assertThat(auto.notes()).anyMatch(note -> note.contains("OPENAI_API_KEY"));
        assertThat(auto.shouldEscalate()).isTrue();
        assertThatThrownBy(() -> interpret("llm", "x", "{\"product\": \"string\"}"))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(502);
                    assertThat(problem.detail()).contains("OPENAI_API_KEY");
                    assertThat(problem.extensions()).containsEntry("reason", "authentication");
                });
    }
}
