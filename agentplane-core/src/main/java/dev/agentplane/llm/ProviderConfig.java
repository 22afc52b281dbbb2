package dev.agentplane.llm;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry under {@code models:}. {@code apiKeyVariable} is the environment variable the key came from (null for
 * a literal key or none), so errors can name it; a null {@code apiKey} with a variable means the variable was unset; {@code local} marks a server whose unknown models cost nothing.
 */
public record ProviderConfig(String name, Protocol protocol, String apiBase, String apiKey, String apiKeyVariable,
                             List<String> models, Duration timeout, int maxRetries, boolean local) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_RETRIES = 2;

    public ProviderConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(apiBase, "apiBase");
        models = List.copyOf(models);
        Objects.requireNonNull(timeout, "timeout");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries cannot be negative");
        }
    }

    /** False when the key's environment variable was unset when the configuration was read. */
    public boolean usable() {
        return apiKey != null || apiKeyVariable == null;
    }

    /** The variable a user would naturally keep this provider's key in, for hints: OPENAI_API_KEY. */
    static String suggestedKeyVariable(String providerName) {
        return providerName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_API_KEY";
    }

    public int maxAttempts() {
        return maxRetries + 1;
    }

    /** Where the API key came from, for error messages: the variable, the config key, or null when there is none. */
    public String apiKeyOrigin() {
        if (apiKeyVariable != null) {
            return apiKeyVariable;
        }
        return apiKey == null ? null : "models." + name + ".api_key";
    }

    @Override
    public String toString() {
        return "ProviderConfig[" + name + ", " + protocol.wireName() + ", " + apiBase + ", key "
                + (apiKey == null ? "none" : "from " + apiKeyOrigin()) + ", models " + models + "]";
    }
}
