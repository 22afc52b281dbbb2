package dev.agentplane.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.llm.anthropic.AnthropicChatModel;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Anthropic Messages wire protocol, against a local server speaking it. */
class AnthropicChatModelTest {
    private static final JsonNode WEATHER_PARAMETERS = Json.parse("""
            {"type": "object", "properties": {"city": {"type": "string", "minLength": 1}}, "required": ["city"]}""");

    private FakeProvider server;
    private ChatModel model;

    @BeforeEach
    void start() throws Exception {
        server = FakeProvider.start();
        model = new AnthropicChatModel(TestProviders.claude(server.apiBase()), PriceTable.defaults(),
                TestProviders.runtime(new RecordingSleeper()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answers_with_text_usage_and_cost_sending_the_key_version_and_system_prompt() throws Exception {
        server.json(200, """
                {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
                 "content": [{"type": "text", "text": "Paris."}], "stop_reason": "end_turn", "stop_sequence": null,
                 "usage": {"input_tokens": 1000, "output_tokens": 100}}""");

        ChatResponse response = model.chat(new ChatRequest("claude-sonnet-4-5", List.of(
                ChatMessage.system("Answer briefly."), ChatMessage.user("Capital of France?")),
                List.of(), null, null, 0.3, 200));

        assertThat(response.text()).isEqualTo("Paris.");
        assertThat(response.usage()).isEqualTo(new TokenUsage(1000, 100));
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.model()).isEqualTo("claude-sonnet-4-5-20250929");
        // 1000 x 3 + 100 x 15 per million
        assertThat(response.costUsd()).isEqualByComparingTo(new BigDecimal("0.0045"));
        FakeProvider.Received request = server.lastRequest();
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).isEqualTo("sk-ant-test");
        assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.header("Authorization")).isNull();
        JsonNode body = request.body();
        assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(200);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(text(body.path("system"))).isEqualTo("Answer briefly.");
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(text(body.path("messages").get(0).path("content"))).isEqualTo("Capital of France?");
    }

    @Test
    void sends_a_default_max_tokens_because_anthropic_requires_one() throws Exception {
        server.json(200, plainMessage("Hi"));

        model.chat(ChatRequest.of("claude-sonnet-4-5", List.of(ChatMessage.user("Hi"))));

        assertThat(server.lastRequest().body().path("max_tokens").asInt()).isEqualTo(4096);
    }

    @Test
    void sends_tools_and_returns_tool_use_blocks_as_tool_calls() throws Exception {
        server.json(200, """
                {"id": "msg_02", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
                 "content": [{"type": "text", "text": "Let me check."},
                             {"type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": {"city": "Paris"}}],
                 "stop_reason": "tool_use", "stop_sequence": null, "usage": {"input_tokens": 300, "output_tokens": 40}}""");

        ChatResponse response = model.chat(ChatRequest.of("claude-sonnet-4-5", List.of(ChatMessage.user("Weather?")))
                .withTools(List.of(new ToolDefinition("get_weather", "Current weather", WEATHER_PARAMETERS))));

        assertThat(response.text()).isEqualTo("Let me check.");
        assertThat(response.toolCalls()).containsExactly(
                new ToolCall("toolu_01", "get_weather", Json.parse("{\"city\": \"Paris\"}")));
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        JsonNode tool = server.lastRequest().body().path("tools").get(0);
        assertThat(tool.path("name").asText()).isEqualTo("get_weather");
        assertThat(tool.path("description").asText()).isEqualTo("Current weather");
        assertThat(tool.path("input_schema").path("type").asText()).isEqualTo("object");
        assertThat(tool.path("input_schema").path("properties")).isEqualTo(WEATHER_PARAMETERS.path("properties"));
        assertThat(tool.path("input_schema").path("required")).isEqualTo(WEATHER_PARAMETERS.path("required"));
    }

    @Test
    void sends_tool_use_and_tool_result_blocks_back_in_the_conversation() throws Exception {
        server.json(200, plainMessage("It is sunny."));
        ToolCall call = new ToolCall("toolu_01", "get_weather", Json.parse("{\"city\": \"Paris\"}"));

        model.chat(ChatRequest.of("claude-sonnet-4-5", List.of(ChatMessage.user("Weather?"),
                new ChatMessage.AssistantMessage("Let me check.", List.of(call)), ChatMessage.toolResult(call, "sunny"))));

        JsonNode messages = server.lastRequest().body().path("messages");
        assertThat(messages).hasSize(3);
        JsonNode toolUse = block(messages.get(1), "tool_use");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(toolUse.path("id").asText()).isEqualTo("toolu_01");
        assertThat(toolUse.path("input")).isEqualTo(Json.parse("{\"city\": \"Paris\"}"));
        JsonNode toolResult = block(messages.get(2), "tool_result");
        assertThat(messages.get(2).path("role").asText()).isEqualTo("user");
        assertThat(toolResult.path("tool_use_id").asText()).isEqualTo("toolu_01");
        assertThat(text(toolResult.path("content"))).isEqualTo("sunny");
    }

    @Test
    void gives_structured_output_through_a_forced_tool_whose_input_is_the_answer() throws Exception {
        server.json(200, """
                {"id": "msg_03", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
                 "content": [{"type": "tool_use", "id": "toolu_9", "name": "person", "input": {"name": "John", "age": 32}}],
                 "stop_reason": "tool_use", "stop_sequence": null, "usage": {"input_tokens": 60, "output_tokens": 20}}""");
        JsonNode schema = Json.parse("""
                {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0}},
                 "required": ["name"]}""");

        ChatResponse response = model.chat(ChatRequest.of("claude-sonnet-4-5", List.of(ChatMessage.user("John, 32")))
                .withResponseSchema("person", schema));

        assertThat(Json.parse(response.text())).isEqualTo(Json.parse("{\"name\": \"John\", \"age\": 32}"));
        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        JsonNode body = server.lastRequest().body();
        assertThat(body.path("tool_choice")).isEqualTo(Json.parse("{\"type\": \"tool\", \"name\": \"person\"}"));
        JsonNode tool = body.path("tools").get(0);
        assertThat(tool.path("name").asText()).isEqualTo("person");
        assertThat(tool.path("input_schema").path("properties")).isEqualTo(schema.path("properties"));
        assertThat(tool.path("input_schema").path("required")).isEqualTo(schema.path("required"));
    }

    @Test
    void streams_text_and_tool_use_from_the_message_events() throws Exception {
        server.sse(List.of(
                event("message_start", "{\"type\": \"message_start\", \"message\": {\"id\": \"msg_1\", \"type\": \"message\","
                        + " \"role\": \"assistant\", \"content\": [], \"model\": \"claude-sonnet-4-5-20250929\", \"stop_reason\": null,"
                        + " \"stop_sequence\": null, \"usage\": {\"input_tokens\": 25, \"output_tokens\": 1}}}"),
                event("content_block_start", "{\"type\": \"content_block_start\", \"index\": 0,"
                        + " \"content_block\": {\"type\": \"text\", \"text\": \"\"}}"),
                event("ping", "{\"type\": \"ping\"}"),
                event("content_block_delta", "{\"type\": \"content_block_delta\", \"index\": 0,"
                        + " \"delta\": {\"type\": \"text_delta\", \"text\": \"Let me \"}}"),
                event("content_block_delta", "{\"type\": \"content_block_delta\", \"index\": 0,"
                        + " \"delta\": {\"type\": \"text_delta\", \"text\": \"check.\"}}"),
                event("content_block_stop", "{\"type\": \"content_block_stop\", \"index\": 0}"),
                event("content_block_start", "{\"type\": \"content_block_start\", \"index\": 1, \"content_block\":"
                        + " {\"type\": \"tool_use\", \"id\": \"toolu_1\", \"name\": \"get_weather\", \"input\": {}}}"),
                event("content_block_delta", "{\"type\": \"content_block_delta\", \"index\": 1,"
                        + " \"delta\": {\"type\": \"input_json_delta\", \"partial_json\": \"{\\\"city\\\": \\\"Pa\"}}"),
                event("content_block_delta", "{\"type\": \"content_block_delta\", \"index\": 1,"
                        + " \"delta\": {\"type\": \"input_json_delta\", \"partial_json\": \"ris\\\"}\"}}"),
                event("content_block_stop", "{\"type\": \"content_block_stop\", \"index\": 1}"),
                event("message_delta", "{\"type\": \"message_delta\", \"delta\": {\"stop_reason\": \"tool_use\","
                        + " \"stop_sequence\": null}, \"usage\": {\"output_tokens\": 15}}"),
                event("message_stop", "{\"type\": \"message_stop\"}")));
        List<String> pieces = new CopyOnWriteArrayList<>();

        ChatResponse response = model.stream(ChatRequest.of("claude-sonnet-4-5", List.of(ChatMessage.user("Weather?")))
                .withTools(List.of(new ToolDefinition("get_weather", "Current weather", WEATHER_PARAMETERS))), pieces::add);

        assertThat(pieces).containsExactly("Let me ", "check.");
        assertThat(response.text()).isEqualTo("Let me check.");
        assertThat(response.toolCalls()).containsExactly(
                new ToolCall("toolu_1", "get_weather", Json.parse("{\"city\": \"Paris\"}")));
        assertThat(response.usage()).isEqualTo(new TokenUsage(25, 15));
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(server.lastRequest().body().path("stream").asBoolean()).isTrue();
    }

    @Test
    void streams_structured_output_as_the_pieces_of_the_answer_tool_input() throws Exception {
        server.sse(List.of(
                event("message_start", "{\"type\": \"message_start\", \"message\": {\"id\": \"msg_2\", \"type\": \"message\","
                        + " \"role\": \"assistant\", \"content\": [], \"model\": \"claude-sonnet-4-5\", \"stop_reason\": null,"
                        + " \"stop_sequence\": null, \"usage\": {\"input_tokens\": 40, \"output_tokens\": 1}}}"),
                event("content_block_start", "{\"type\": \"content_block_start\", \"index\": 0, \"content_block\":"
                        + " {\"type\": \"tool_use\", \"id\": \"toolu_2\", \"name\": \"person\", \"input\": {}}}"),
                event("content_block_delta", "{\"type\": \"content_block_delta\", \"index\": 0,"
                        + " \"delta\": {\"type\": \"input_json_delta\", \"partial_json\": \"{\\\"name\\\": \"}}"),
                event("content_block_delta", "{\"type\": \"content_block_delta\", \"index\": 0,"
                        + " \"delta\": {\"type\": \"input_json_delta\", \"partial_json\": \"\\\"John\\\"}\"}}"),
                event("content_block_stop", "{\"type\": \"content_block_stop\", \"index\": 0}"),
                event("message_delta", "{\"type\": \"message_delta\", \"delta\": {\"stop_reason\": \"tool_use\","
                        + " \"stop_sequence\": null}, \"usage\": {\"output_tokens\": 9}}"),
                event("message_stop", "{\"type\": \"message_stop\"}")));
        List<String> pieces = new CopyOnWriteArrayList<>();

        ChatResponse response = model.stream(ChatRequest.of("claude-sonnet-4-5", List.of(ChatMessage.user("John")))
                .withResponseSchema("person", Json.parse("{\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"}}}")),
                pieces::add);

        assertThat(String.join("", pieces)).isEqualTo("{\"name\": \"John\"}");
        assertThat(Json.parse(response.text())).isEqualTo(Json.parse("{\"name\": \"John\"}"));
        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.usage()).isEqualTo(new TokenUsage(40, 9));
    }

    private static String plainMessage(String text) {
        return "{\"id\": \"msg\", \"type\": \"message\", \"role\": \"assistant\", \"model\": \"claude-sonnet-4-5\","
                + " \"content\": [{\"type\": \"text\", \"text\": \"" + text + "\"}], \"stop_reason\": \"end_turn\","
                + " \"stop_sequence\": null, \"usage\": {\"input_tokens\": 10, \"output_tokens\": 3}}";
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data;
    }

    /** Content may be a string or a list of blocks; both are valid Messages API. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        content.forEach(block -> text.append(block.path("text").asText()));
        return text.toString();
    }

    private static JsonNode block(JsonNode message, String type) {
        for (JsonNode block : message.path("content")) {
            if (block.path("type").asText().equals(type)) {
                return block;
            }
        }
        throw new AssertionError("no " + type + " block in " + message);
    }
}
