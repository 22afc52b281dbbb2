package dev.agentplane.cli.remote;

/** Where one AgentPlane server is and how to authenticate to it; a null field is not set by this profile. */
public record Profile(String server, String apiKey, String signingSecret) {
    static final Profile EMPTY = new Profile(null, null, null);

    /** This profile's fields, with {@code fallback}'s where this one has none. */
    Profile orElse(Profile fallback) {
        return new Profile(first(server, fallback.server), first(apiKey, fallback.apiKey),
                first(signingSecret, fallback.signingSecret));
    }

    private static String first(String value, String fallback) {
        return value != null && !value.isBlank() ? value : fallback;
    }
}
