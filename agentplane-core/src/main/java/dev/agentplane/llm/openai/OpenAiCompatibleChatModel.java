package dev.agentplane.llm.openai;

import dev.agentplane.llm.ChatModel;
import dev.agentplane.llm.ChatRequest;
import dev.agentplane.llm.ChatResponse;
import dev.agentplane.llm.LlmRuntime;
import dev.agentplane.llm.PriceTable;
import dev.agentplane.llm.ProviderConfig;
import dev.agentplane.llm.internal.Lc4jRequests;
import dev.agentplane.llm.internal.Lc4jResponses;
import dev.agentplane.llm.internal.StatusKeepingHttpClientBuilder;
import dev.agentplane.llm.internal.StreamCollector;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.function.Consumer;

/** OpenAI chat completions at any base URL (OpenAI, Ollama, vLLM, DeepSeek, LM Studio), through LangChain4j. */
public final class OpenAiCompatibleChatModel extends ChatModel {
    private final OpenAiChatModel blocking;
    private final OpenAiStreamingChatModel streaming;

    public OpenAiCompatibleChatModel(ProviderConfig provider, PriceTable prices, LlmRuntime runtime) {
        super(provider, prices, runtime);
        // Local servers ignore the key, but LangChain4j's OpenAI client insists on one.
        String apiKey = provider.apiKey() == null ? "none" : provider.apiKey();
        this.blocking = OpenAiChatModel.builder().httpClientBuilder(new StatusKeepingHttpClientBuilder())
                .baseUrl(provider.apiBase()).apiKey(apiKey).timeout(provider.timeout())
                .maxRetries(0) // the port retries, honoring Retry-After
                .build();
        this.streaming = OpenAiStreamingChatModel.builder().httpClientBuilder(new StatusKeepingHttpClientBuilder())
                .baseUrl(provider.apiBase()).apiKey(apiKey).timeout(provider.timeout()).build();
    }

    @Override
    protected ChatResponse doChat(ChatRequest request) {
        return Lc4jResponses.response(blocking.chat(toLc4j(request)), request.model());
    }

    @Override
    protected ChatResponse doStream(ChatRequest request, Consumer<String> onText) throws Exception {
        StreamCollector collector = new StreamCollector(onText);
        streaming.chat(toLc4j(request), collector);
        return Lc4jResponses.response(collector.await(), request.model());
    }

    private static dev.langchain4j.model.chat.request.ChatRequest toLc4j(ChatRequest request) {
        DefaultChatRequestParameters.Builder<?> parameters = DefaultChatRequestParameters.builder();
        Lc4jRequests.common(parameters, request);
        if (request.responseSchema() != null) {
            parameters.responseFormat(Lc4jRequests.responseFormat(request));
        }
        return dev.langchain4j.model.chat.request.ChatRequest.builder()
                .messages(Lc4jRequests.messages(request.messages())).parameters(parameters.build()).build();
    }
}
