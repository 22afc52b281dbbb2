package dev.agentplane.llm;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The model's answer. {@code text} is null when it only called tools; {@code model} is the model as the provider
 * reported it (often a dated version of the requested name); {@code costUsd} is null when the price is unknown.
 */
public record ChatResponse(String text, List<ToolCall> toolCalls, TokenUsage usage, FinishReason finishReason,
                           String model, BigDecimal costUsd) {
    public ChatResponse {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(finishReason, "finishReason");
    }

    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }

    public ChatResponse withText(String newText) {
        return new ChatResponse(newText, toolCalls, usage, finishReason, model, costUsd);
    }

    public ChatResponse withCost(BigDecimal cost) {
        return new ChatResponse(text, toolCalls, usage, finishReason, model, cost);
    }
}
