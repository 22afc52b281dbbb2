package dev.agentplane.llm.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.llm.ChatResponse;
import dev.agentplane.llm.FinishReason;
import dev.agentplane.llm.TokenUsage;
import dev.agentplane.llm.ToolCall;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** LangChain4j's answer to ours (cost is added by the port). */
public final class Lc4jResponses {
    private Lc4jResponses() {}

    public static ChatResponse response(dev.langchain4j.model.chat.response.ChatResponse answer, String requestedModel) {
        List<ToolCall> calls = new ArrayList<>();
        List<ToolExecutionRequest> requests = answer.aiMessage().toolExecutionRequests();
        for (int i = 0; i < requests.size(); i++) {
            calls.add(toolCall(requests.get(i), i));
        }
        return new ChatResponse(answer.aiMessage().text(), calls, usage(answer.tokenUsage()),
                finishReason(answer.finishReason(), !calls.isEmpty()),
                answer.modelName() == null ? requestedModel : answer.modelName(), null);
    }

    /** Arguments arrive as JSON text; empty text means no arguments. An id is made up when a server sends none. */
    public static ToolCall toolCall(ToolExecutionRequest request, int index) {
        String text = request.arguments() == null || request.arguments().isBlank() ? "{}" : request.arguments();
        JsonNode arguments;
        try {
            arguments = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("tool call '" + request.name() + "' has arguments that are not JSON", e);
        }
        String id = request.id() == null || request.id().isBlank() ? "call_" + index : request.id();
        return new ToolCall(id, request.name(), arguments);
    }

    private static TokenUsage usage(dev.langchain4j.model.output.TokenUsage usage) {
        if (usage == null) {
            return TokenUsage.NONE;
        }
        return new TokenUsage(usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
    }

    private static FinishReason finishReason(dev.langchain4j.model.output.FinishReason reason, boolean calledTools) {
        if (reason == null) {
            return calledTools ? FinishReason.TOOL_CALLS : FinishReason.OTHER;
        }
        return switch (reason) {
            case STOP -> calledTools ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            case LENGTH -> FinishReason.LENGTH;
            case TOOL_EXECUTION -> FinishReason.TOOL_CALLS;
            case CONTENT_FILTER -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }
}
