package dev.agentplane.llm;

import java.util.List;
import java.util.Objects;

/** One turn of a conversation, in the order the model should read them. */
public sealed interface ChatMessage {

    static SystemMessage system(String text) {
        return new SystemMessage(text);
    }

    static UserMessage user(String text) {
        return new UserMessage(text);
    }

    static AssistantMessage assistant(String text) {
        return new AssistantMessage(text, List.of());
    }

    static ToolResultMessage toolResult(ToolCall call, String content) {
        return new ToolResultMessage(call.id(), call.name(), content);
    }

    /** Instructions for the model. */
    record SystemMessage(String text) implements ChatMessage {
        public SystemMessage {
            Objects.requireNonNull(text, "text");
        }
    }

    record UserMessage(String text) implements ChatMessage {
        public UserMessage {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An earlier answer of the model: text, tool calls, or both. */
    record AssistantMessage(String text, List<ToolCall> toolCalls) implements ChatMessage {
        public AssistantMessage {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
            if ((text == null || text.isEmpty()) && toolCalls.isEmpty()) {
                throw new IllegalArgumentException("an assistant message needs text or tool calls");
            }
        }
    }

    /** What running a tool call gave; {@code toolCallId} is the id of the {@link ToolCall} it answers. */
    record ToolResultMessage(String toolCallId, String toolName, String content) implements ChatMessage {
        public ToolResultMessage {
            Objects.requireNonNull(toolCallId, "toolCallId");
            Objects.requireNonNull(content, "content");
        }
    }
}
