package dev.agentplane.teams.definition;

/**
 * The model a team or agent calls: {@code provider} is an entry of the configuration's {@code models:} section
 * (e.g. {@code openai}, {@code claude}), {@code name} the model there; {@code temperature} is null for the
 * provider's default.
 */
public record ModelSettings(String provider, String name, Double temperature) {
    public static final double MAX_TEMPERATURE = 2.0;

    public ModelSettings {
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException("a model needs a provider");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a model needs a name");
        }
        if (temperature != null && !(temperature >= 0 && temperature <= MAX_TEMPERATURE)) {
            throw new IllegalArgumentException("temperature must be between 0 and " + MAX_TEMPERATURE + ", not " + temperature);
        }
    }

    @Override
    public String toString() {
        return provider + "/" + name;
    }
}
