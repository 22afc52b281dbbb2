package dev.agentplane.llm.internal;

import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Bridges LangChain4j's asynchronous stream handler to a blocking call: forwards text, then waits for the end.
 * When the answer comes as the arguments of a tool ({@code answerTool}, structured output through a forced tool),
 * those argument pieces are the text.
 */
public final class StreamCollector implements StreamingChatResponseHandler {
    private final Consumer<String> onText;
    private final String answerTool;
    private final CompletableFuture<dev.langchain4j.model.chat.response.ChatResponse> done = new CompletableFuture<>();

    public StreamCollector(Consumer<String> onText) {
        this(onText, null);
    }

    public StreamCollector(Consumer<String> onText, String answerTool) {
        this.onText = onText;
        this.answerTool = answerTool;
    }

    @Override
    public void onPartialResponse(String partialResponse) {
        onText.accept(partialResponse);
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall) {
        if (answerTool != null && answerTool.equals(partialToolCall.name())) {
            onText.accept(partialToolCall.partialArguments());
        }
    }

    @Override
    public void onCompleteResponse(dev.langchain4j.model.chat.response.ChatResponse completeResponse) {
        done.complete(completeResponse);
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }

    /** Blocks until the stream ends; rethrows its failure (the caller translates it). */
    public dev.langchain4j.model.chat.response.ChatResponse await() throws Exception {
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
