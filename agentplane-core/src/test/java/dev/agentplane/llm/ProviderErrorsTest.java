package dev.agentplane.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.agentplane.llm.anthropic.AnthropicChatModel;
import dev.agentplane.llm.openai.OpenAiCompatibleChatModel;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Errors from the providers: what is retried, how long it waits, and what the messages tell the user. */
class ProviderErrorsTest {
    private static final String OPENAI_OK = """
            {"id": "c", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini",
             "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "ok"}}],
             "usage": {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4}}""";
    private static final ChatRequest HELLO = ChatRequest.of("gpt-4o-mini", List.of(ChatMessage.user("Hello")));

    private FakeProvider server;
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @BeforeEach
    void start() throws Exception {
        server = FakeProvider.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ChatModel openai() {
        return openai(TestProviders.openai(server.apiBase()));
    }

    private ChatModel openai(ProviderConfig config) {
        return new OpenAiCompatibleChatModel(config, PriceTable.defaults(), TestProviders.runtime(sleeper));
    }

    private ChatModel claude() {
        return new AnthropicChatModel(TestProviders.claude(server.apiBase()), PriceTable.defaults(),
                TestProviders.runtime(sleeper));
    }

    @Test
    void a_rejected_key_names_the_provider_and_the_variable_it_came_from_without_retrying() {
        server.json(401, """
                {"error": {"message": "Incorrect API key provided: sk-test***123.", "type": "invalid_request_error",
                 "param": null, "code": "invalid_api_key"}}""");

        LlmException error = catchThrowableOfType(LlmException.class, () -> openai().chat(HELLO));

        assertThat(error.kind()).isEqualTo(LlmException.Kind.AUTHENTICATION);
        assertThat(error.status()).isEqualTo(401);
        assertThat(error.getMessage()).startsWith("openai rejected the API key from OPENAI_API_KEY (401): check the key")
                .contains("Incorrect API key provided");
        assertThat(server.received()).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void anthropic_rejecting_the_key_names_its_variable() {
        server.json(401, """
                {"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key"}}""");

        LlmException error = catchThrowableOfType(LlmException.class,
                () -> claude().chat(ChatRequest.of("claude-sonnet-4-5", List.of(ChatMessage.user("Hi")))));

        assertThat(error.kind()).isEqualTo(LlmException.Kind.AUTHENTICATION);
        assertThat(error.getMessage()).startsWith("claude rejected the API key from ANTHROPIC_API_KEY (401)")
                .contains("invalid x-api-key");
    }

    @Test
    void a_bad_request_is_not_retried_and_carries_the_provider_explanation() {
        server.json(400, """
                {"error": {"message": "Invalid value for 'temperature'.", "type": "invalid_request_error",
                 "param": "temperature", "code": null}}""");

        LlmException error = catchThrowableOfType(LlmException.class, () -> openai().chat(HELLO));

        assertThat(error.kind()).isEqualTo(LlmException.Kind.INVALID_REQUEST);
        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).isEqualTo("openai rejected the request for model 'gpt-4o-mini' (400): "
                + "Invalid value for 'temperature'. [invalid_request_error]");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void an_unknown_model_at_the_provider_points_at_the_model_list_and_the_base_url() {
        server.json(404, "{\"error\": \"model 'llama9' not found\"}");

        LlmException error = catchThrowableOfType(LlmException.class,
                () -> openai().chat(HELLO.withModel("llama9")));

        assertThat(error.kind()).isEqualTo(LlmException.Kind.INVALID_REQUEST);
        assertThat(error.getMessage()).contains("model 'llama9'", "model 'llama9' not found", "models.openai.models",
                "models.openai.api_base (" + server.apiBase() + ")");
    }

    @Test
    void a_rate_limit_waits_the_seconds_retry_after_asks_then_succeeds() throws Exception {
        server.json(429, Map.of("Retry-After", "7"), "{\"error\": {\"message\": \"Rate limit reached\"}}")
                .json(200, OPENAI_OK);

        ChatResponse response = openai().chat(HELLO);

        assertThat(response.text()).isEqualTo("ok");
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void a_rate_limit_with_an_http_date_waits_until_that_date() throws Exception {
        server.json(429, Map.of("Retry-After", "Sun, 01 Jun 2025 12:00:03 GMT"), "{}").json(200, OPENAI_OK);

        openai().chat(HELLO);

        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void retry_after_ms_wins_over_retry_after() throws Exception {
        server.json(429, Map.of("retry-after-ms", "1500", "Retry-After", "2"), "{}").json(200, OPENAI_OK);

        openai().chat(HELLO);

        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(1500));
    }

    @Test
    void a_server_error_is_retried_with_exponential_backoff() throws Exception {
        server.json(500, "{\"error\": {\"message\": \"boom\"}}")
                .json(502, "bad gateway")
                .json(200, OPENAI_OK);

        ChatResponse response = openai().chat(HELLO);

        assertThat(response.text()).isEqualTo("ok");
        // 1 s then 2 s, each scaled by the jitter (0.5 + 0.5 x 0.5)
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500));
    }

    @Test
    void gives_up_after_the_configured_attempts_and_says_so() {
        server.json(503, "{\"error\": {\"message\": \"overloaded\"}}")
                .json(503, "{\"error\": {\"message\": \"overloaded\"}}")
                .json(503, "{\"error\": {\"message\": \"overloaded\"}}")
                .json(200, OPENAI_OK);

        LlmException error = catchThrowableOfType(LlmException.class, () -> openai().chat(HELLO));

        assertThat(error.kind()).isEqualTo(LlmException.Kind.UNAVAILABLE);
        assertThat(error.retryable()).isTrue();
        assertThat(error.getMessage()).isEqualTo(
                "openai failed to answer (503): overloaded (gave up after 3 attempts; max_retries sets how many)");
        assertThat(server.received()).hasSize(3);
        assertThat(sleeper.waits()).hasSize(2);
    }

    @Test
    void max_retries_zero_makes_one_attempt() {
        ProviderConfig once = new ProviderConfig("openai", Protocol.OPENAI, server.apiBase(), "k", null,
                List.of("gpt-4o-mini"), Duration.ofSeconds(5), 0, false);
        server.json(429, Map.of("Retry-After", "1"), "{}").json(200, OPENAI_OK);

        LlmException error = catchThrowableOfType(LlmException.class, () -> openai(once).chat(HELLO));

        assertThat(error.kind()).isEqualTo(LlmException.Kind.RATE_LIMITED);
        assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void a_retry_after_beyond_a_minute_fails_at_once_with_the_wait() {
        server.json(429, Map.of("Retry-After", "3600"), "{\"error\": {\"message\": \"slow down\"}}");

        LlmException error = catchThrowableOfType(LlmException.class, () -> openai().chat(HELLO));

        assertThat(error.kind()).isEqualTo(LlmException.Kind.RATE_LIMITED);
        assertThat(error.retryAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(error.getMessage()).contains("asks to wait 3600 s");
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void an_exhausted_quota_is_not_retried() {
        server.json(429, """
                {"error": {"message": "You exceeded your current quota, please check your plan and billing details.",
                 "type": "insufficient_quota", "code": "insufficient_quota"}}""");

        LlmException error = catchThrowableOfType(LlmException.class, () -> openai().chat(HELLO));

        assertThat(error.retryable()).isFalse();
        assertThat(error.getMessage()).contains("out of quota", "OPENAI_API_KEY");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void anthropic_overloaded_is_retried() throws Exception {
        server.json(529, "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}")
                .json(200, """
                        {"id": "m", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                         "content": [{"type": "text", "text": "ok"}], "stop_reason": "end_turn",
                         "usage": {"input_tokens": 3, "output_tokens": 1}}""");

        ChatResponse response = claude().chat(ChatRequest.of("claude-sonnet-4-5", List.of(ChatMessage.user("Hi"))));

        assertThat(response.text()).isEqualTo("ok");
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(750));
    }

    @Test
    void a_stream_rate_limited_before_any_text_is_retried_after_the_advertised_wait() throws Exception {
        server.json(429, Map.of("Retry-After", "2"), "{\"error\": {\"message\": \"Rate limit reached\"}}")
                .sse(List.of(
                        "data: {\"id\": \"c\", \"object\": \"chat.completion.chunk\", \"created\": 1, \"model\": \"gpt-4o-mini\","
                                + " \"choices\": [{\"index\": 0, \"delta\": {\"content\": \"ok\"}, \"finish_reason\": \"stop\"}]}",
                        "data: [DONE]"));
        List<String> pieces = new CopyOnWriteArrayList<>();

        ChatResponse response = openai().stream(HELLO, pieces::add);

        assertThat(pieces).containsExactly("ok");
        assertThat(response.text()).isEqualTo("ok");
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void a_stream_rejected_key_names_the_variable() {
        server.json(401, "{\"error\": {\"message\": \"Incorrect API key provided\"}}");

        assertThatThrownBy(() -> openai().stream(HELLO, text -> {}))
                .isInstanceOf(LlmException.class)
                .hasMessageStartingWith("openai rejected the API key from OPENAI_API_KEY (401)");
    }

    @Test
    void a_provider_that_does_not_answer_in_time_times_out_without_retrying() {
        server.silence();
        ChatModel model = openai(TestProviders.withTimeout(TestProviders.openai(server.apiBase()), Duration.ofMillis(300)));

        LlmException error = catchThrowableOfType(LlmException.class, () -> model.chat(HELLO));

        assertThat(error.kind()).isEqualTo(LlmException.Kind.TIMEOUT);
        assertThat(error.getMessage()).isEqualTo(
                "openai did not answer within 300 ms: try again, or raise models.openai.timeout_seconds");
        await().until(() -> server.received().size() == 1); // on a busy machine the request may land late
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void a_stream_that_stalls_times_out() {
        server.silence();
        ChatModel model = openai(TestProviders.withTimeout(TestProviders.openai(server.apiBase()), Duration.ofMillis(300)));

        LlmException error = catchThrowableOfType(LlmException.class, () -> model.stream(HELLO, text -> {}));

        assertThat(error.kind()).isEqualTo(LlmException.Kind.TIMEOUT);
    }

    @Test
    void an_unreachable_server_is_retried_then_named_with_its_base_url() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String base = "http://127.0.0.1:" + closedPort + "/v1";

        LlmException error = catchThrowableOfType(LlmException.class,
                () -> openai(TestProviders.openai(base)).chat(HELLO));

        assertThat(error.kind()).isEqualTo(LlmException.Kind.UNAVAILABLE);
        assertThat(error.getMessage()).isEqualTo("cannot reach openai at " + base + " (connection refused): check "
                + "models.openai.api_base and that the server is running (gave up after 3 attempts; max_retries sets how many)");
        assertThat(sleeper.waits()).hasSize(2);
    }
}
