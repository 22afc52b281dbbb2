package dev.agentplane.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One call to a model. {@code model} is "provider/model", a model name listed under some provider, or null for
 * the default model. {@code responseSchema} (a JSON Schema of type object) asks for structured output named
 * {@code schemaName}; the answer's text is then the JSON document. {@code temperature} and {@code maxTokens} are
 * null for the provider's default.
 */
public record ChatRequest(String model, List<ChatMessage> messages, List<ToolDefinition> tools,
                          JsonNode responseSchema, String schemaName, Double temperature, Integer maxTokens) {
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        if (responseSchema != null) {
            if (!responseSchema.isObject() || !"object".equals(responseSchema.path("type").asText())) {
                throw new IllegalArgumentException("responseSchema must be a JSON Schema of type object");
            }
            schemaName = schemaName == null ? "response" : schemaName;
            if (!SCHEMA_NAME.matcher(schemaName).matches()) {
                throw new IllegalArgumentException("schemaName '" + schemaName + "' must be 1-64 letters, digits, _ or -");
            }
        }
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2");
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1");
        }
    }

    public static ChatRequest of(String model, List<ChatMessage> messages) {
        return new ChatRequest(model, messages, List.of(), null, null, null, null);
    }

    public ChatRequest withModel(String newModel) {
        return new ChatRequest(newModel, messages, tools, responseSchema, schemaName, temperature, maxTokens);
    }

    public ChatRequest withTools(List<ToolDefinition> newTools) {
        return new ChatRequest(model, messages, newTools, responseSchema, schemaName, temperature, maxTokens);
    }

    public ChatRequest withResponseSchema(String name, JsonNode schema) {
        return new ChatRequest(model, messages, tools, schema, name, temperature, maxTokens);
    }

    public ChatRequest withTemperature(Double newTemperature) {
        return new ChatRequest(model, messages, tools, responseSchema, schemaName, newTemperature, maxTokens);
    }

    public ChatRequest withMaxTokens(Integer newMaxTokens) {
        return new ChatRequest(model, messages, tools, responseSchema, schemaName, temperature, newMaxTokens);
    }
}
