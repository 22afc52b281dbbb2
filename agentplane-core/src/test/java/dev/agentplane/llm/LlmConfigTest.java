package dev.agentplane.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** config.yaml's models:, default_model: and prices: keys. */
class LlmConfigTest {
    private static final Map<String, String> ENV = Map.of("OPENAI_API_KEY", "sk-openai", "ANTHROPIC_API_KEY",
            "sk-ant", "DEEPSEEK_API_KEY", "sk-deep", "OLLAMA_HOST", "gpu-box");

    private static LlmConfig parse(String yaml) {
        return parse(yaml, ENV);
    }

    private static LlmConfig parse(String yaml, Map<String, String> environment) {
        try {
            JsonNode root = Json.YAML.readTree(yaml);
            return LlmConfig.parse(root, environment);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void reads_the_plagentic_shape_with_interpolated_keys_and_protocols_by_name() {
        LlmConfig config = parse("""
                port: 8080
                models:
                  openai:   {api_base: https://api.openai.com/v1, api_key: "${OPENAI_API_KEY}", models: [gpt-4o-mini, gpt-4o]}
                  claude:   {api_key: "${ANTHROPIC_API_KEY}", models: [claude-sonnet-4-5]}
                  ollama:   {api_base: "http://localhost:11434/v1", models: [llama3.1]}
                  deepseek: {api_base: https://api.deepseek.com/v1, api_key: "${DEEPSEEK_API_KEY}", models: [deepseek-chat],
                             timeout_seconds: 30, max_retries: 5}
                default_model: claude/claude-sonnet-4-5
                prices: {gpt-4o-mini: {input: 0.10, output: 0.50}}
                """);

        ProviderConfig openai = config.provider("openai").orElseThrow();
        assertThat(openai.protocol()).isEqualTo(Protocol.OPENAI);
        assertThat(openai.apiKey()).isEqualTo("sk-openai");
        assertThat(openai.apiKeyVariable()).isEqualTo("OPENAI_API_KEY");
        assertThat(openai.models()).containsExactly("gpt-4o-mini", "gpt-4o");
        assertThat(openai.timeout()).isEqualTo(ProviderConfig.DEFAULT_TIMEOUT);
        assertThat(openai.maxAttempts()).isEqualTo(3);
        assertThat(openai.local()).isFalse();
        ProviderConfig claude = config.provider("claude").orElseThrow();
        assertThat(claude.protocol()).isEqualTo(Protocol.ANTHROPIC);
        assertThat(claude.apiBase()).isEqualTo("https://api.anthropic.com/v1");
        ProviderConfig ollama = config.provider("ollama").orElseThrow();
        assertThat(ollama.protocol()).isEqualTo(Protocol.OPENAI);
        assertThat(ollama.apiKey()).isNull();
        assertThat(ollama.local()).isTrue();
        ProviderConfig deepseek = config.provider("deepseek").orElseThrow();
        assertThat(deepseek.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(deepseek.maxAttempts()).isEqualTo(6);
        assertThat(config.defaultModel()).isEqualTo(new ModelRef("claude", "claude-sonnet-4-5"));
        assertThat(config.prices().price("gpt-4o-mini")).contains(Price.of("0.10", "0.50"));
        assertThat(config.configuredModels()).containsExactly("openai/gpt-4o-mini", "openai/gpt-4o",
                "claude/claude-sonnet-4-5", "ollama/llama3.1", "deepseek/deepseek-chat");
        assertThat(openai.toString()).doesNotContain("sk-openai");
    }

    @Test
    void the_default_model_is_the_first_one_listed_when_none_is_named() {
        LlmConfig config = parse("""
                models:
                  ollama: {api_base: "http://${OLLAMA_HOST}:11434/v1", models: [llama3.1, qwen2.5]}
                """);

        assertThat(config.defaultModel()).isEqualTo(new ModelRef("ollama", "llama3.1"));
        assertThat(config.provider("ollama").orElseThrow().apiBase()).isEqualTo("http://gpu-box:11434/v1");
        assertThat(config.provider("ollama").orElseThrow().local()).isFalse();
    }

    @Test
    void no_models_section_means_no_model_and_a_call_says_how_to_add_one() {
        LlmConfig config = parse("port: 8080\n");

        assertThat(config.providers()).isEmpty();
        assertThat(config.defaultModel()).isNull();
        assertThatThrownBy(() -> config.resolve(null)).isInstanceOf(LlmException.class)
                .hasMessageContaining("no model is configured: add a 'models:' section");
    }

    @Test
    void resolves_provider_slash_model_bare_names_and_names_with_slashes() {
        LlmConfig config = parse("""
                models:
                  openai: {api_key: "${OPENAI_API_KEY}", models: [gpt-4o-mini]}
                  vllm: {api_base: "http://127.0.0.1:8000/v1", models: [meta-llama/Llama-3.1-8B-Instruct, gpt-4o-mini]}
                """);

        assertThat(config.resolve("openai/gpt-4o-mini")).isEqualTo(new ModelRef("openai", "gpt-4o-mini"));
        assertThat(config.resolve("meta-llama/Llama-3.1-8B-Instruct"))
                .isEqualTo(new ModelRef("vllm", "meta-llama/Llama-3.1-8B-Instruct"));
        assertThat(config.resolve("vllm/meta-llama/Llama-3.1-8B-Instruct"))
                .isEqualTo(new ModelRef("vllm", "meta-llama/Llama-3.1-8B-Instruct"));
        assertThat(config.resolve(null)).isEqualTo(new ModelRef("openai", "gpt-4o-mini"));
        assertThatThrownBy(() -> config.resolve("gpt-4o-mini")).isInstanceOf(LlmException.class)
                .hasMessage("model 'gpt-4o-mini' is configured under several providers; say which: "
                        + "openai/gpt-4o-mini, vllm/gpt-4o-mini");
    }

    @Test
    void an_unknown_model_names_the_configured_ones() {
        LlmConfig config = parse("""
                models:
                  openai: {api_key: "${OPENAI_API_KEY}", models: [gpt-4o-mini, gpt-4o]}
                """);

        assertThatThrownBy(() -> config.resolve("gpt-5")).isInstanceOf(LlmException.class)
                .hasMessage("unknown model 'gpt-5'; configured models: openai/gpt-4o-mini, openai/gpt-4o")
                .extracting(e -> ((LlmException) e).kind()).isEqualTo(LlmException.Kind.INVALID_REQUEST);
    }

    @Test
    void an_unset_variable_elsewhere_than_in_a_key_is_named_with_its_key_path() {
        assertThatThrownBy(() -> parse("""
                models:
                  ollama: {api_base: "http://${OLLAMA_HOST}:11434/v1", models: [llama3.1]}
                """, Map.of()))
                .isInstanceOf(LlmConfigException.class)
                .hasMessage("models.ollama.api_base uses ${OLLAMA_HOST}, but the environment variable OLLAMA_HOST"
                        + " is not set: set it, or change models.ollama.api_base");
    }

    @Test
    void a_provider_whose_key_variable_is_unset_is_kept_but_refuses_calls_naming_the_variable() throws Exception {
        LlmConfig config = parse("""
                models:
                  openai: {api_key: "${OPENAI_API_KEY}", models: [gpt-4o-mini]}
                  claude: {api_key: "${ANTHROPIC_API_KEY}", models: [claude-sonnet-4-5]}
                """, Map.of("ANTHROPIC_API_KEY", "sk-ant"));

        assertThat(config.defaultModel().toString()).as("the first usable provider").isEqualTo("claude/claude-sonnet-4-5");
        assertThat(config.provider("openai").orElseThrow().usable()).isFalse();
        assertThatThrownBy(() -> Models.create(config).chat(ChatRequest.of("openai/gpt-4o-mini", List.of(ChatMessage.user("hi")))))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("${OPENAI_API_KEY}", "export OPENAI_API_KEY=");
                });
    }

    @Test
    void the_protocol_can_be_set_explicitly() {
        LlmConfig config = parse("""
                models:
                  proxy: {api_base: "https://llm-proxy.internal/anthropic/v1", api_key: x, protocol: anthropic,
                          models: [claude-haiku-4-5], local: true}
                """);

        ProviderConfig proxy = config.provider("proxy").orElseThrow();
        assertThat(proxy.protocol()).isEqualTo(Protocol.ANTHROPIC);
        assertThat(proxy.apiKeyVariable()).isNull();
        assertThat(proxy.apiKeyOrigin()).isEqualTo("models.proxy.api_key");
        assertThat(proxy.local()).isTrue();
    }

    @Test
    void validation_errors_name_the_key_path() {
        assertError("models: {ollama: {api_base: 'ftp://x/v1', models: [a]}}",
                "models.ollama.api_base must be an http(s) URL such as https://api.openai.com/v1, not 'ftp://x/v1'");
        assertError("models: {ollama: {models: [a]}}",
                "models.ollama.api_base is required: the OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 for Ollama");
        assertError("models: {openai: {models: [gpt-4o]}}",
                "models.openai.api_key is required for https://api.openai.com/v1, e.g. api_key: ${OPENAI_API_KEY}");
        assertError("models: {openai: {api_key: k, models: []}}",
                "models.openai.models must list at least one model name, e.g. models: [gpt-4o-mini]");
        assertError("models: {openai: {api_key: k, models: [gpt-4o], temperature: 1}}",
                "models.openai.temperature is not a setting; known settings are api_base, api_key, local, max_retries,"
                        + " models, protocol, timeout_seconds");
        assertError("models: {openai: {api_key: k, models: [gpt-4o], protocol: grpc}}",
                "models.openai.protocol must be 'openai' or 'anthropic', not 'grpc'");
        assertError("models: {openai: {api_key: k, models: [gpt-4o], timeout_seconds: 0}}",
                "models.openai.timeout_seconds must be a whole number between 1 and 3600");
        assertError("models: {openai: {api_key: k, models: [gpt-4o], max_retries: -1}}",
                "models.openai.max_retries must be a whole number between 0 and 10");
        assertError("models: {openai: {api_key: k, models: [gpt-4o]}}\ndefault_model: gpt-5",
                "default_model: unknown model 'gpt-5'; configured models: openai/gpt-4o");
        assertError("models: [openai]", "models must be a mapping of provider name to settings, e.g. "
                + "'models: {openai: {api_key: ${OPENAI_API_KEY}, models: [gpt-4o-mini]}}'");
        assertError("prices: {gpt-4o: {input: '2.5', output: 10}}",
                "prices.gpt-4o.input must be a number of USD per million tokens (0 or more)");
        assertError("prices: {gpt-4o: {input: 2.5, output: 10, cached: 1}}",
                "prices.gpt-4o.cached is not a setting; a price has input and output");
    }

    @Test
    void configured_prices_override_the_defaults_and_keep_the_others() {
        LlmConfig config = parse("prices: {gpt-4o: {input: 1, output: 2}, my-model: {input: 0, output: 0}}");

        assertThat(config.prices().price("gpt-4o")).contains(new Price(BigDecimal.ONE, BigDecimal.TWO));
        assertThat(config.prices().price("my-model")).contains(new Price(BigDecimal.ZERO, BigDecimal.ZERO));
        assertThat(config.prices().price("gpt-4o-mini")).contains(Price.of("0.15", "0.60"));
    }

    @Test
    void the_top_level_keys_are_the_ones_parse_reads() {
        assertThat(LlmConfig.TOP_LEVEL_KEYS).containsExactlyInAnyOrder("models", "default_model", "prices");
        assertThat(parse("models: {openai: {api_key: k, models: [gpt-4o]}}").providers()).hasSize(1);
        assertThat(List.copyOf(LlmConfig.TOP_LEVEL_KEYS)).doesNotContain("port");
    }

    private static void assertError(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(LlmConfigException.class).hasMessage(message);
    }
}
