package dev.agentplane.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reads the {@code models:}, {@code default_model:} and {@code prices:} keys; every error names its key path. */
final class LlmConfigParser {
    private static final Set<String> PROVIDER_KEYS = Set.of("api_base", "api_key", "models", "protocol",
            "timeout_seconds", "max_retries", "local");
    private static final Pattern PROVIDER_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final String OPENAI_BASE = "https://api.openai.com/v1";
    private static final String ANTHROPIC_BASE = "https://api.anthropic.com/v1";

    private final Interpolator interpolator;

    LlmConfigParser(Map<String, String> environment) {
        this.interpolator = new Interpolator(environment);
    }

    LlmConfig parse(JsonNode root) {
        if (root == null || root.isNull() || root.isMissingNode()) {
            return LlmConfig.none();
        }
        if (!root.isObject()) {
            throw new LlmConfigException("the configuration must be a YAML mapping with a 'models:' key");
        }
        List<ProviderConfig> providers = providers(root.path("models"));
        PriceTable prices = PriceTable.withOverrides(PricesParser.parse(root.path("prices")));
        LlmConfig withoutDefault = new LlmConfig(providers, null, prices);
        return new LlmConfig(providers, defaultModel(root.path("default_model"), withoutDefault), prices);
    }

    private List<ProviderConfig> providers(JsonNode models) {
        if (models.isMissingNode() || models.isNull()) {
            return List.of();
        }
        if (!models.isObject()) {
            throw new LlmConfigException("models must be a mapping of provider name to settings, e.g. "
                    + "'models: {openai: {api_key: ${OPENAI_API_KEY}, models: [gpt-4o-mini]}}'");
        }
        List<ProviderConfig> providers = new ArrayList<>();
        models.properties().forEach(entry -> providers.add(provider(entry.getKey(), entry.getValue())));
        return providers;
    }

    private ProviderConfig provider(String name, JsonNode node) {
        String path = "models." + name;
        if (!PROVIDER_NAME.matcher(name).matches()) {
            throw new LlmConfigException(path + ": a provider name may hold only letters, digits, '.', '_' and '-'");
        }
        if (!node.isObject()) {
            throw new LlmConfigException(path + " must be a mapping with api_base, api_key and models");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!PROVIDER_KEYS.contains(key)) {
                throw new LlmConfigException(path + "." + key + " is not a setting; known settings are "
                        + String.join(", ", new TreeSet<>(PROVIDER_KEYS)));
            }
        });
        Protocol protocol = protocol(path, node.path("protocol"), name);
        String apiBase = apiBase(path, node.path("api_base"), name, protocol);
        // A key whose variable is unset leaves the provider configured but unusable (a config.yaml listing several
        // providers should start with only the keys at hand); calling it says which variable to set.
        String unsetKey = node.path("api_key").isTextual() ? interpolator.unsetVariable(node.path("api_key").asText()) : null;
        Interpolator.Value apiKey = unsetKey != null ? new Interpolator.Value(null, unsetKey)
                : optionalText(path + ".api_key", node.path("api_key"));
        if (apiKey == null && isHosted(apiBase)) {
            throw new LlmConfigException(path + ".api_key is required for " + apiBase + ", e.g. api_key: ${"
                    + ProviderConfig.suggestedKeyVariable(name) + "}");
        }
        int timeoutSeconds = integer(path + ".timeout_seconds", node.path("timeout_seconds"),
                (int) ProviderConfig.DEFAULT_TIMEOUT.toSeconds(), 1, 3600);
        int maxRetries = integer(path + ".max_retries", node.path("max_retries"),
                ProviderConfig.DEFAULT_MAX_RETRIES, 0, 10);
        boolean local = bool(path + ".local", node.path("local"), isLoopback(apiBase));
        return new ProviderConfig(name, protocol, apiBase, apiKey == null ? null : apiKey.text(),
                apiKey == null ? null : apiKey.variable(), models(path + ".models", node.path("models")),
                Duration.ofSeconds(timeoutSeconds), maxRetries, local);
    }

    private Protocol protocol(String path, JsonNode node, String name) {
        if (node.isMissingNode() || node.isNull()) {
            return Protocol.forProviderName(name);
        }
        for (Protocol protocol : Protocol.values()) {
            if (protocol.wireName().equals(node.asText())) {
                return protocol;
            }
        }
        throw new LlmConfigException(path + ".protocol must be 'openai' or 'anthropic', not '" + node.asText() + "'");
    }

    private String apiBase(String path, JsonNode node, String name, Protocol protocol) {
        Interpolator.Value value = optionalText(path + ".api_base", node);
        if (value == null) {
            if (protocol == Protocol.ANTHROPIC) {
                return ANTHROPIC_BASE;
            }
            if (name.equals("openai")) {
                return OPENAI_BASE;
            }
            throw new LlmConfigException(path + ".api_base is required: the OpenAI-compatible endpoint, e.g. "
                    + "http://localhost:11434/v1 for Ollama");
        }
        String base = value.text().endsWith("/") ? value.text().substring(0, value.text().length() - 1) : value.text();
        try {
            URI uri = new URI(base);
            if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(base, "not http(s)");
            }
        } catch (URISyntaxException e) {
            throw new LlmConfigException(path + ".api_base must be an http(s) URL such as https://api.openai.com/v1, not '"
                    + value.text() + "'");
        }
        return base;
    }

    private List<String> models(String path, JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            throw new LlmConfigException(path + " must list at least one model name, e.g. models: [gpt-4o-mini]");
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new LlmConfigException(path + "[" + i + "] must be a model name");
            }
            if (!seen.add(item.asText())) {
                throw new LlmConfigException(path + " lists '" + item.asText() + "' twice");
            }
            names.add(item.asText());
        }
        return names;
    }

    private ModelRef defaultModel(JsonNode node, LlmConfig config) {
        if (node.isMissingNode() || node.isNull()) {
            return config.providers().stream().filter(ProviderConfig::usable).findFirst()
                    .or(() -> config.providers().stream().findFirst())
                    .map(provider -> new ModelRef(provider.name(), provider.models().getFirst())).orElse(null);
        }
        if (!node.isTextual()) {
            throw new LlmConfigException("default_model must be a model name such as openai/gpt-4o-mini");
        }
        try {
            return config.resolve(node.asText());
        } catch (LlmException e) {
            throw new LlmConfigException("default_model: " + e.getMessage());
        }
    }

    private Interpolator.Value optionalText(String path, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new LlmConfigException(path + " must be a string");
        }
        Interpolator.Value value = interpolator.interpolate(path, node.asText());
        if (value.text().isBlank()) {
            throw new LlmConfigException(path + " is empty");
        }
        return value;
    }

    private static int integer(String path, JsonNode node, int fallback, int min, int max) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            throw new LlmConfigException(path + " must be a whole number between " + min + " and " + max);
        }
        return node.asInt();
    }

    private static boolean bool(String path, JsonNode node, boolean fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new LlmConfigException(path + " must be true or false");
        }
        return node.asBoolean();
    }

    /** The two hosted APIs that never work without a key. */
    private static boolean isHosted(String apiBase) {
        return apiBase.equals(OPENAI_BASE) || apiBase.equals(ANTHROPIC_BASE);
    }

    private static boolean isLoopback(String apiBase) {
        String host = URI.create(apiBase).getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }
}
