package dev.agentplane.llm;

import dev.agentplane.llm.anthropic.AnthropicChatModel;
import dev.agentplane.llm.openai.OpenAiCompatibleChatModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured models, one {@link ChatModel} per provider, built once. Calls name a model as "provider/model",
 * a bare name listed under one provider, or null for the default model.
 */
public final class Models {
    private final LlmConfig config;
    private final Map<String, ChatModel> byProvider = new LinkedHashMap<>();

    private Models(LlmConfig config, LlmRuntime runtime) {
        this.config = config;
        for (ProviderConfig provider : config.providers()) {
            byProvider.put(provider.name(), switch (provider.protocol()) {
                case OPENAI -> new OpenAiCompatibleChatModel(provider, config.prices(), runtime);
                case ANTHROPIC -> new AnthropicChatModel(provider, config.prices(), runtime);
            });
        }
    }

    public static Models create(LlmConfig config) {
        return create(config, LlmRuntime.system());
    }

    public static Models create(LlmConfig config, LlmRuntime runtime) {
        return new Models(config, runtime);
    }

    public LlmConfig config() {
        return config;
    }

    /** True when no model is configured (interpret then works from heuristics alone). */
    public boolean isEmpty() {
        return byProvider.isEmpty();
    }

    public Optional<ModelRef> defaultModel() {
        return Optional.ofNullable(config.defaultModel());
    }

    /** Every configured model as "provider/model". */
    public List<String> configured() {
        return config.configuredModels();
    }

    /** @throws LlmException of kind invalid_request naming the configured models */
    public ModelRef resolve(String name) {
        return config.resolve(name);
    }

    public ChatModel provider(String name) {
        ChatModel model = byProvider.get(name);
        if (model == null) {
            throw new LlmException(LlmException.Kind.INVALID_REQUEST, null, "unknown provider '" + name
                    + "'; configured providers: " + String.join(", ", byProvider.keySet()));
        }
        return model;
    }

    /** Resolves {@code request.model()} (null for the default) and asks that model. */
    public ChatResponse chat(ChatRequest request) throws InterruptedException {
        ModelRef ref = resolve(request.model());
        return provider(ref.provider()).chat(request.withModel(ref.model()));
    }

    /** Like {@link #chat}, streaming the text to {@code listener}. */
    public ChatResponse stream(ChatRequest request, StreamListener listener) throws InterruptedException {
        ModelRef ref = resolve(request.model());
        return provider(ref.provider()).stream(request.withModel(ref.model()), listener);
    }
}
