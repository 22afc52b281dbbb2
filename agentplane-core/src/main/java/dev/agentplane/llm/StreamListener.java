package dev.agentplane.llm;

/** Receives a streamed answer: pieces of text as they arrive, then the whole response. */
public interface StreamListener {
    void onText(String partialText);

    /** Called once, after the last piece, with the full text, tool calls, usage and cost. */
    default void onComplete(ChatResponse response) {}
}
