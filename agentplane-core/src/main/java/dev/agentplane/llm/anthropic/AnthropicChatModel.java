package dev.agentplane.llm.anthropic;

import dev.agentplane.llm.ChatModel;
import dev.agentplane.llm.ChatRequest;
import dev.agentplane.llm.ChatResponse;
import dev.agentplane.llm.LlmRuntime;
import dev.agentplane.llm.PriceTable;
import dev.agentplane.llm.ProviderConfig;
import dev.agentplane.llm.anthropic.internal.AnswerTool;
import dev.agentplane.llm.internal.Lc4jRequests;
import dev.agentplane.llm.internal.Lc4jResponses;
import dev.agentplane.llm.internal.StatusKeepingHttpClientBuilder;
import dev.agentplane.llm.internal.StreamCollector;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.anthropic.AnthropicChatRequestParameters;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.request.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The Anthropic Messages API through LangChain4j; structured output through a forced tool ({@link AnswerTool}). */
public final class AnthropicChatModel extends ChatModel {
    /** Anthropic requires max_tokens; LangChain4j's default of 1024 cuts off ordinary answers. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private final dev.langchain4j.model.anthropic.AnthropicChatModel blocking;
    private final AnthropicStreamingChatModel streaming;

    public AnthropicChatModel(ProviderConfig provider, PriceTable prices, LlmRuntime runtime) {
        super(provider, prices, runtime);
        String apiKey = provider.apiKey() == null ? "none" : provider.apiKey();
        this.blocking = dev.langchain4j.model.anthropic.AnthropicChatModel.builder()
                .httpClientBuilder(new StatusKeepingHttpClientBuilder()).baseUrl(provider.apiBase() + "/")
                .apiKey(apiKey).timeout(provider.timeout()).maxTokens(DEFAULT_MAX_TOKENS)
                .maxRetries(0) // the port retries, honoring Retry-After
                .build();
        this.streaming = AnthropicStreamingChatModel.builder().httpClientBuilder(new StatusKeepingHttpClientBuilder())
                .baseUrl(provider.apiBase() + "/").apiKey(apiKey).timeout(provider.timeout())
                .maxTokens(DEFAULT_MAX_TOKENS).build();
    }

    @Override
    protected ChatResponse doChat(ChatRequest request) {
        ChatResponse response = Lc4jResponses.response(blocking.chat(toLc4j(request)), request.model());
        return request.responseSchema() == null ? response : AnswerTool.unwrap(request, response);
    }

    @Override
    protected ChatResponse doStream(ChatRequest request, Consumer<String> onText) throws Exception {
        StreamCollector collector = new StreamCollector(onText, request.responseSchema() == null ? null
                : request.schemaName());
        streaming.chat(toLc4j(request), collector);
        ChatResponse response = Lc4jResponses.response(collector.await(), request.model());
        return request.responseSchema() == null ? response : AnswerTool.unwrap(request, response);
    }

    private static dev.langchain4j.model.chat.request.ChatRequest toLc4j(ChatRequest request) {
        AnthropicChatRequestParameters.Builder parameters = AnthropicChatRequestParameters.builder();
        Lc4jRequests.common(parameters, request);
        if (request.responseSchema() != null) {
            List<ToolSpecification> tools = new ArrayList<>(request.tools().stream().map(Lc4jRequests::tool).toList());
            tools.add(AnswerTool.specification(request));
            parameters.toolSpecifications(tools);
            if (request.tools().isEmpty()) {
                parameters.toolChoiceName(request.schemaName());
            } else {
                parameters.toolChoice(ToolChoice.REQUIRED);
            }
        }
        return dev.langchain4j.model.chat.request.ChatRequest.builder()
                .messages(Lc4jRequests.messages(request.messages())).parameters(parameters.build()).build();
    }
}
