package dev.agentplane.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The model configuration: providers in the order they are written, the default model (null when no model is
 * configured) and the prices. Read it with {@link #parse} from the top level of a config.yaml.
 */
public record LlmConfig(List<ProviderConfig> providers, ModelRef defaultModel, PriceTable prices) {
    /** The top-level keys of config.yaml this configuration owns. */
    public static final Set<String> TOP_LEVEL_KEYS = Set.of("models", "default_model", "prices");

    public LlmConfig {
        providers = List.copyOf(providers);
    }

    /** No model configured: calls fail with a message saying how to add one. */
    public static LlmConfig none() {
        return new LlmConfig(List.of(), null, PriceTable.defaults());
    }

    /**
     * Reads {@code models}, {@code default_model} and {@code prices} from {@code root} (the whole config file as a
     * tree; other keys are ignored), interpolating {@code ${VAR}} from {@code environment}.
     *
     * @throws LlmConfigException naming the key path of the first problem
     */
    public static LlmConfig parse(JsonNode root, Map<String, String> environment) {
        return new LlmConfigParser(environment).parse(root);
    }

    public Optional<ProviderConfig> provider(String name) {
        return providers.stream().filter(provider -> provider.name().equals(name)).findFirst();
    }

    /** Every configured model as "provider/model", in configuration order. */
    public List<String> configuredModels() {
        List<String> names = new ArrayList<>();
        providers.forEach(provider -> provider.models().forEach(model -> names.add(provider.name() + "/" + model)));
        return names;
    }

    /**
     * Finds "provider/model", or a bare model name listed under exactly one provider; null or blank means the
     * default model.
     *
     * @throws LlmException of kind invalid_request naming the configured models when there is no such model
     */
    public ModelRef resolve(String name) {
        if (name == null || name.isBlank()) {
            if (defaultModel == null) {
                throw new LlmException(LlmException.Kind.INVALID_REQUEST, null,
                        "no model is configured: add a 'models:' section to config.yaml (see docs/llm.md)");
            }
            return defaultModel;
        }
        int slash = name.indexOf('/');
        if (slash > 0) {
            Optional<ProviderConfig> provider = provider(name.substring(0, slash));
            String model = name.substring(slash + 1);
            if (provider.isPresent() && provider.get().models().contains(model)) {
                return new ModelRef(provider.get().name(), model);
            }
        }
        List<ModelRef> matches = providers.stream().filter(provider -> provider.models().contains(name))
                .map(provider -> new ModelRef(provider.name(), name)).toList();
        if (matches.size() == 1) {
            return matches.getFirst();
        }
        if (matches.size() > 1) {
            throw new LlmException(LlmException.Kind.INVALID_REQUEST, null, "model '" + name
                    + "' is configured under several providers; say which: " + String.join(", ",
                    matches.stream().map(ModelRef::toString).toList()));
        }
        throw new LlmException(LlmException.Kind.INVALID_REQUEST, null, "unknown model '" + name + "'; "
                + (providers.isEmpty() ? "no model is configured: add a 'models:' section to config.yaml"
                : "configured models: " + String.join(", ", configuredModels())));
    }
}
