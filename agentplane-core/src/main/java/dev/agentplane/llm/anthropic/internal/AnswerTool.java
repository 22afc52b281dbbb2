package dev.agentplane.llm.anthropic.internal;

import dev.agentplane.common.Json;
import dev.agentplane.llm.ChatRequest;
import dev.agentplane.llm.ChatResponse;
import dev.agentplane.llm.FinishReason;
import dev.agentplane.llm.ToolCall;
import dev.agentplane.llm.internal.Lc4jRequests;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.List;

/**
 * Structured output on Anthropic: the response schema becomes the input schema of a tool named after the schema
 * that the model must call, and that call's input is the answer. This works on every Claude model, unlike the
 * newer output_config format. With other tools in the request the model must call some tool (any), so it still
 * chooses between working with tools and answering.
 */
public final class AnswerTool {
    private static final String DESCRIPTION = "Give the final answer. The input of this call is the answer, "
            + "following the schema exactly.";

    private AnswerTool() {}

    public static ToolSpecification specification(ChatRequest request) {
        if (request.tools().stream().anyMatch(tool -> tool.name().equals(request.schemaName()))) {
            throw new IllegalArgumentException("schemaName '" + request.schemaName()
                    + "' is also the name of a tool; on Anthropic the answer is a tool call, so the names must differ");
        }
        return Lc4jRequests.tool(request.schemaName(), DESCRIPTION, request.responseSchema());
    }

    /** The answer tool's call becomes the text (the JSON document); the other tool calls stay. */
    public static ChatResponse unwrap(ChatRequest request, ChatResponse response) {
        ToolCall answer = response.toolCalls().stream().filter(call -> call.name().equals(request.schemaName()))
                .findFirst().orElse(null);
        if (answer == null) {
            return response;
        }
        List<ToolCall> others = response.toolCalls().stream().filter(call -> call != answer).toList();
        return new ChatResponse(Json.write(answer.arguments()), others, response.usage(),
                others.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS, response.model(), response.costUsd());
    }
}
