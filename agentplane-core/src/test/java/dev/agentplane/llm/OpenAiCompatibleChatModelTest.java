package dev.agentplane.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.llm.openai.OpenAiCompatibleChatModel;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI chat completions wire protocol, against a local server speaking it. */
class OpenAiCompatibleChatModelTest {
    private FakeProvider server;
    private ChatModel model;

    @BeforeEach
    void start() throws Exception {
        server = FakeProvider.start();
        model = new OpenAiCompatibleChatModel(TestProviders.openai(server.apiBase()), PriceTable.defaults(),
                TestProviders.runtime(new RecordingSleeper()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answers_with_text_usage_and_cost_sending_the_bearer_key_and_parameters() throws Exception {
        server.json(200, """
                {"id": "chatcmpl-1", "object": "chat.completion", "created": 1741569952,
                 "model": "gpt-4o-mini-2024-07-18",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "Paris.", "refusal": null},
                              "logprobs": null, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 1000, "completion_tokens": 2000, "total_tokens": 3000}}""");

        ChatResponse response = model.chat(new ChatRequest("gpt-4o-mini", List.of(
                ChatMessage.system("Answer briefly."), ChatMessage.user("Capital of France?")),
                List.of(), null, null, 0.2, 50));

        assertThat(response.text()).isEqualTo("Paris.");
        assertThat(response.usage()).isEqualTo(new TokenUsage(1000, 2000));
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        // 1000 x 0.15 + 2000 x 0.60 per million
        assertThat(response.costUsd()).isEqualByComparingTo(new BigDecimal("0.00135"));
        FakeProvider.Received request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test-123");
        JsonNode body = request.body();
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(50);
        assertThat(body.path("stream").asBoolean(false)).isFalse();
        assertThat(body.path("messages")).isEqualTo(Json.parse("""
                [{"role": "system", "content": "Answer briefly."}, {"role": "user", "content": "Capital of France?"}]"""));
    }

    @Test
    void sends_tools_with_their_property_schemas_untouched_and_returns_the_tool_calls() throws Exception {
        server.json(200, """
                {"id": "chatcmpl-2", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini",
                 "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant", "content": null,
                   "tool_calls": [{"id": "call_abc", "type": "function",
                                   "function": {"name": "send_email", "arguments": "{\\"to\\": \\"ann@example.com\\"}"}}]}}],
                 "usage": {"prompt_tokens": 80, "completion_tokens": 20, "total_tokens": 100}}""");
        JsonNode parameters = Json.parse("""
                {"type": "object", "properties": {"to": {"type": "string", "format": "email"},
                 "cc": {"type": "array", "items": {"type": "string"}, "maxItems": 3}},
                 "required": ["to"], "additionalProperties": false}""");

        ChatResponse response = model.chat(ChatRequest.of("gpt-4o-mini", List.of(ChatMessage.user("Mail Ann")))
                .withTools(List.of(new ToolDefinition("send_email", "Sends an email", parameters))));

        assertThat(response.text()).isNull();
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.toolCalls()).containsExactly(
                new ToolCall("call_abc", "send_email", Json.parse("{\"to\": \"ann@example.com\"}")));
        JsonNode tool = server.lastRequest().body().path("tools").get(0);
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.path("function").path("name").asText()).isEqualTo("send_email");
        assertThat(tool.path("function").path("description").asText()).isEqualTo("Sends an email");
        JsonNode sent = tool.path("function").path("parameters");
        assertThat(sent.path("type").asText()).isEqualTo("object");
        assertThat(sent.path("properties")).isEqualTo(parameters.path("properties"));
        assertThat(sent.path("required")).isEqualTo(parameters.path("required"));
    }

    @Test
    void sends_tool_calls_and_their_results_back_in_the_conversation() throws Exception {
        server.json(200, """
                {"id": "c", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini",
                 "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "Sent."}}],
                 "usage": {"prompt_tokens": 5, "completion_tokens": 1, "total_tokens": 6}}""");
        ToolCall call = new ToolCall("call_abc", "send_email", Json.parse("{\"to\": \"ann@example.com\"}"));

        model.chat(ChatRequest.of("gpt-4o-mini", List.of(ChatMessage.user("Mail Ann"),
                new ChatMessage.AssistantMessage(null, List.of(call)), ChatMessage.toolResult(call, "queued"))));

        JsonNode messages = server.lastRequest().body().path("messages");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
        JsonNode sent = messages.get(1).path("tool_calls").get(0);
        assertThat(sent.path("id").asText()).isEqualTo("call_abc");
        assertThat(Json.parse(sent.path("function").path("arguments").asText()))
                .isEqualTo(Json.parse("{\"to\": \"ann@example.com\"}"));
        assertThat(messages.get(2)).isEqualTo(Json.parse(
                "{\"role\": \"tool\", \"tool_call_id\": \"call_abc\", \"content\": \"queued\"}"));
    }

    @Test
    void asks_for_structured_output_with_the_json_schema_response_format() throws Exception {
        server.json(200, """
                {"id": "c", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini",
                 "choices": [{"index": 0, "finish_reason": "stop",
                              "message": {"role": "assistant", "content": "{\\"name\\": \\"John\\", \\"age\\": 32}"}}],
                 "usage": {"prompt_tokens": 50, "completion_tokens": 10, "total_tokens": 60}}""");
        JsonNode schema = Json.parse("""
                {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0}},
                 "required": ["name"]}""");

        ChatResponse response = model.chat(ChatRequest.of("gpt-4o-mini", List.of(ChatMessage.user("John, 32")))
                .withResponseSchema("person", schema));

        assertThat(Json.parse(response.text())).isEqualTo(Json.parse("{\"name\": \"John\", \"age\": 32}"));
        JsonNode format = server.lastRequest().body().path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("person");
        assertThat(format.path("json_schema").path("schema")).isEqualTo(schema);
        assertThat(format.path("json_schema").path("strict").isBoolean()).isTrue();
        assertThat(format.path("json_schema").path("strict").asBoolean()).isFalse();
    }

    @Test
    void streams_text_then_the_whole_answer_with_the_usage_chunk() throws Exception {
        server.sse(List.of(
                chunk("{\"role\": \"assistant\", \"content\": \"\"}", null),
                chunk("{\"content\": \"Hel\"}", null),
                chunk("{\"content\": \"lo!\"}", null),
                chunk("{}", "\"stop\""),
                "data: {\"id\": \"c\", \"object\": \"chat.completion.chunk\", \"created\": 1, \"model\": \"gpt-4o-mini\","
                        + " \"choices\": [], \"usage\": {\"prompt_tokens\": 9, \"completion_tokens\": 3, \"total_tokens\": 12}}",
                "data: [DONE]"));
        List<String> pieces = new CopyOnWriteArrayList<>();
        List<ChatResponse> completed = new CopyOnWriteArrayList<>();

        ChatResponse response = model.stream(ChatRequest.of("gpt-4o-mini", List.of(ChatMessage.user("Hi"))),
                new StreamListener() {
                    @Override
                    public void onText(String partialText) {
                        pieces.add(partialText);
                    }

                    @Override
                    public void onComplete(ChatResponse whole) {
                        completed.add(whole);
                    }
                });

        assertThat(pieces).containsExactly("Hel", "lo!");
        assertThat(response.text()).isEqualTo("Hello!");
        assertThat(response.usage()).isEqualTo(new TokenUsage(9, 3));
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.costUsd()).isNotNull();
        assertThat(completed).containsExactly(response);
        JsonNode body = server.lastRequest().body();
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void streams_tool_calls_assembled_from_their_deltas() throws Exception {
        server.sse(List.of(
                chunk("{\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"index\": 0, \"id\": \"call_1\","
                        + " \"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"arguments\": \"\"}}]}", null),
                chunk("{\"tool_calls\": [{\"index\": 0, \"function\": {\"arguments\": \"{\\\"ci\"}}]}", null),
                chunk("{\"tool_calls\": [{\"index\": 0, \"function\": {\"arguments\": \"ty\\\": \\\"Paris\\\"}\"}}]}", null),
                chunk("{\"tool_calls\": [{\"index\": 1, \"id\": \"call_2\", \"type\": \"function\","
                        + " \"function\": {\"name\": \"get_time\", \"arguments\": \"{}\"}}]}", null),
                chunk("{}", "\"tool_calls\""),
                "data: {\"id\": \"c\", \"object\": \"chat.completion.chunk\", \"created\": 1, \"model\": \"gpt-4o-mini\","
                        + " \"choices\": [], \"usage\": {\"prompt_tokens\": 30, \"completion_tokens\": 12, \"total_tokens\": 42}}",
                "data: [DONE]"));

        ChatResponse response = model.stream(ChatRequest.of("gpt-4o-mini", List.of(ChatMessage.user("Weather?"))),
                text -> {});

        assertThat(response.toolCalls()).containsExactly(
                new ToolCall("call_1", "get_weather", Json.parse("{\"city\": \"Paris\"}")),
                new ToolCall("call_2", "get_time", Json.object()));
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.usage()).isEqualTo(new TokenUsage(30, 12));
    }

    private static String chunk(String delta, String finishReason) {
        return "data: {\"id\": \"c\", \"object\": \"chat.completion.chunk\", \"created\": 1, \"model\": \"gpt-4o-mini\","
                + " \"choices\": [{\"index\": 0, \"delta\": " + delta + ", \"finish_reason\": " + finishReason + "}]}";
    }
}
