package dev.agentplane.llm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.llm.ChatMessage;
import dev.agentplane.llm.ChatRequest;
import dev.agentplane.llm.ToolDefinition;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Our request records to LangChain4j's, keeping the callers' JSON Schemas as they wrote them. */
public final class Lc4jRequests {
    private Lc4jRequests() {}

    public static List<dev.langchain4j.data.message.ChatMessage> messages(List<ChatMessage> messages) {
        return messages.stream().map(Lc4jRequests::message).toList();
    }

    /** Fills the parameters every provider shares: model, temperature, max tokens and tools. */
    public static void common(DefaultChatRequestParameters.Builder<?> builder, ChatRequest request) {
        builder.modelName(request.model());
        builder.temperature(request.temperature());
        builder.maxOutputTokens(request.maxTokens());
        if (!request.tools().isEmpty()) {
            builder.toolSpecifications(request.tools().stream().map(Lc4jRequests::tool).toList());
        }
    }

    /** The structured-output format: the schema passes through untouched as a raw schema. */
    public static ResponseFormat responseFormat(ChatRequest request) {
        return ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(JsonSchema.builder()
                .name(request.schemaName()).rootElement(JsonRawSchema.from(Json.write(request.responseSchema())))
                .build()).build();
    }

    public static ToolSpecification tool(ToolDefinition tool) {
        return tool(tool.name(), tool.description(), tool.parameters());
    }

    public static ToolSpecification tool(String name, String description, JsonNode parameters) {
        return ToolSpecification.builder().name(name).description(description).parameters(objectSchema(parameters))
                .build();
    }

    /**
     * LangChain4j wants a typed object schema at the top of tool parameters; each property (and each $defs entry)
     * goes through as a raw schema, so formats, patterns, bounds and nested shapes reach the provider untouched.
     * Top-level keywords other than properties, required, additionalProperties, description and $defs are dropped,
     * and LangChain4j's OpenAI mapper leaves out a top-level additionalProperties unless tools are strict.
     */
    static JsonObjectSchema objectSchema(JsonNode schema) {
        JsonObjectSchema.Builder builder = JsonObjectSchema.builder();
        Map<String, JsonSchemaElement> properties = new LinkedHashMap<>();
        schema.path("properties").properties().forEach(property ->
                properties.put(property.getKey(), JsonRawSchema.from(Json.write(property.getValue()))));
        builder.addProperties(properties);
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        builder.required(required);
        if (schema.path("additionalProperties").isBoolean()) {
            builder.additionalProperties(schema.path("additionalProperties").asBoolean());
        }
        if (schema.path("description").isTextual()) {
            builder.description(schema.path("description").asText());
        }
        if (schema.path("$defs").isObject()) {
            Map<String, JsonSchemaElement> definitions = new LinkedHashMap<>();
            schema.path("$defs").properties().forEach(definition ->
                    definitions.put(definition.getKey(), JsonRawSchema.from(Json.write(definition.getValue()))));
            builder.definitions(definitions);
        }
        return builder.build();
    }

    private static dev.langchain4j.data.message.ChatMessage message(ChatMessage message) {
        return switch (message) {
            case ChatMessage.SystemMessage system -> SystemMessage.from(system.text());
            case ChatMessage.UserMessage user -> UserMessage.from(user.text());
            case ChatMessage.AssistantMessage assistant -> AiMessage.builder().text(assistant.text())
                    .toolExecutionRequests(assistant.toolCalls().stream().map(call -> ToolExecutionRequest.builder()
                            .id(call.id()).name(call.name()).arguments(Json.write(call.arguments())).build()).toList())
                    .build();
            case ChatMessage.ToolResultMessage result ->
                    ToolExecutionResultMessage.from(result.toolCallId(), result.toolName(), result.content());
        };
    }
}
