package dev.agentplane.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.common.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry from configuration to the right provider's wire protocol. */
class ModelsTest {
    private FakeProvider server;
    private Models models;

    @BeforeEach
    void start() throws Exception {
        server = FakeProvider.start();
        LlmConfig config = LlmConfig.parse(Json.YAML.readTree("""
                models:
                  ollama: {api_base: "%s", models: [llama3.1]}
                  claude: {api_base: "%s", api_key: "${ANTHROPIC_API_KEY}", models: [claude-haiku-4-5]}
                default_model: ollama/llama3.1
                """.formatted(server.apiBase(), server.apiBase())), Map.of("ANTHROPIC_API_KEY", "sk-ant-1"));
        models = Models.create(config, TestProviders.runtime(new RecordingSleeper()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void the_default_model_speaks_openai_to_a_local_server_at_no_cost() throws Exception {
        server.json(200, """
                {"id": "c", "object": "chat.completion", "created": 1, "model": "llama3.1",
                 "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "hi"}}],
                 "usage": {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4}}""");

        ChatResponse response = models.chat(ChatRequest.of(null, List.of(ChatMessage.user("Hello"))));

        assertThat(response.text()).isEqualTo("hi");
        assertThat(response.costUsd()).isEqualByComparingTo("0");
        assertThat(server.lastRequest().path()).isEqualTo("/v1/chat/completions");
        assertThat(server.lastRequest().body().path("model").asText()).isEqualTo("llama3.1");
    }

    @Test
    void a_bare_claude_model_name_speaks_anthropic_with_its_key() throws Exception {
        server.json(200, """
                {"id": "m", "type": "message", "role": "assistant", "model": "claude-haiku-4-5-20251001",
                 "content": [{"type": "text", "text": "hi"}], "stop_reason": "end_turn",
                 "usage": {"input_tokens": 1000000, "output_tokens": 0}}""");

        ChatResponse response = models.chat(ChatRequest.of("claude-haiku-4-5", List.of(ChatMessage.user("Hello"))));

        assertThat(response.costUsd()).isEqualByComparingTo("1.00");
        assertThat(server.lastRequest().path()).isEqualTo("/v1/messages");
        assertThat(server.lastRequest().header("x-api-key")).isEqualTo("sk-ant-1");
        assertThat(server.lastRequest().body().path("model").asText()).isEqualTo("claude-haiku-4-5");
    }

    @Test
    void an_unknown_model_fails_before_any_request_and_names_the_configured_ones() {
        assertThatThrownBy(() -> models.chat(ChatRequest.of("gpt-4o", List.of(ChatMessage.user("Hello")))))
                .isInstanceOf(LlmException.class)
                .hasMessage("unknown model 'gpt-4o'; configured models: ollama/llama3.1, claude/claude-haiku-4-5");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void lists_what_is_configured() {
        assertThat(models.isEmpty()).isFalse();
        assertThat(models.configured()).containsExactly("ollama/llama3.1", "claude/claude-haiku-4-5");
        assertThat(models.defaultModel()).contains(new ModelRef("ollama", "llama3.1"));
        assertThat(models.provider("claude").provider().protocol()).isEqualTo(Protocol.ANTHROPIC);
    }

    @Test
    void with_nothing_configured_a_call_says_how_to_configure_a_model() {
        Models none = Models.create(LlmConfig.none());

        assertThat(none.isEmpty()).isTrue();
        assertThat(none.defaultModel()).isEmpty();
        assertThatThrownBy(() -> none.chat(ChatRequest.of(null, List.of(ChatMessage.user("Hello")))))
                .isInstanceOf(LlmException.class).hasMessageContaining("add a 'models:' section to config.yaml");
    }
}
