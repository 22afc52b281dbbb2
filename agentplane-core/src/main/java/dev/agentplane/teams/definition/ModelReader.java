package dev.agentplane.teams.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Reads a {@code model:} mapping; an agent's may name only what differs from the team's. */
final class ModelReader {
    static final List<String> FIELDS = List.of("provider", "name", "temperature");
    private static final String EXAMPLE = "{provider: openai, name: gpt-4o-mini, temperature: 0.2}";

    private ModelReader() {}

    /** The team's model (null when absent or wrong): provider and name are required. */
    static ModelSettings team(Fields fields, String pointer) {
        JsonNode node = fields.mapping(pointer, EXAMPLE);
        if (node == null) {
            return null;
        }
        fields.onlyKnown(pointer, node, FIELDS, "a model");
        String provider = fields.requiredText(pointer + "/provider", "provider: openai");
        String name = fields.requiredText(pointer + "/name", "name: gpt-4o-mini");
        Double temperature = fields.number(pointer + "/temperature", 0, ModelSettings.MAX_TEMPERATURE);
        return provider == null || name == null ? null : new ModelSettings(provider, name, temperature);
    }

    /**
     * An agent's model over the team's: what the agent leaves out comes from {@code team}. Null when neither names
     * one (the configuration's default model is used), or on an error.
     */
    static ModelSettings agent(Fields fields, String pointer, ModelSettings team) {
        JsonNode node = fields.mapping(pointer, EXAMPLE);
        if (node == null) {
            return team;
        }
        fields.onlyKnown(pointer, node, FIELDS, "a model");
        String provider = fields.text(pointer + "/provider");
        String name = fields.text(pointer + "/name");
        Double temperature = fields.number(pointer + "/temperature", 0, ModelSettings.MAX_TEMPERATURE);
        boolean mistyped = (node.hasNonNull("provider") && provider == null) || (node.hasNonNull("name") && name == null);
        provider = provider != null ? provider : team == null ? null : team.provider();
        name = name != null ? name : team == null ? null : team.name();
        temperature = temperature != null ? temperature : team == null ? null : team.temperature();
        if (provider == null || provider.isBlank() || name == null || name.isBlank()) {
            if (!mistyped) { // a mistyped provider or name already has its error
                fields.source().error(pointer, "needs a provider and a name (the team has no model to take them from), e.g. "
                        + EXAMPLE);
            }
            return null;
        }
        return new ModelSettings(provider, name, temperature);
    }
}
