package dev.agentplane.llm;

/** Why the model stopped. */
public enum FinishReason {
    /** It finished its answer. */
    STOP,
    /** It hit {@code maxTokens}: the answer is cut off. */
    LENGTH,
    /** It wants tool calls run before it goes on. */
    TOOL_CALLS,
    /** The provider's content filter stopped it. */
    CONTENT_FILTER,
    OTHER
}
