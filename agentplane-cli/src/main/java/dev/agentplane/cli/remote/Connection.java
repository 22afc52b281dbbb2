package dev.agentplane.cli.remote;

import dev.agentplane.client.AgentPlaneClient;
import java.util.Map;

/**
 * Which server a command talks to, and with which key: the flags, else the profile they name, else the
 * AGENTPLANE_* variables, else the current profile, else the local default server.
 */
public final class Connection {
    public static final String DEFAULT_SERVER = "http://localhost:8080";

    private Connection() {}

    /** A client of the server the flags, profile or environment name. */
    public static AgentPlaneClient open(Profile flags, String profileName) {
        Profile target = resolve(flags, profileName, System.getenv(), ProfileFile.load());
        return AgentPlaneClient.builder().url(target.server()).apiKey(target.apiKey())
                .signingSecret(target.signingSecret()).build();
    }

    public static Profile resolve(Profile flags, String profileName, Map<String, String> environment, ProfileFile file) {
        return configured(flags, profileName, environment, file).orElse(new Profile(DEFAULT_SERVER, null, null));
    }

    /** As {@link #resolve}, without the local default: what the user configured, fields null where nothing did. */
    public static Profile configured(Profile flags, String profileName, Map<String, String> environment, ProfileFile file) {
        Profile resolved = flags;
        String named = profileName != null ? profileName : environment.get("AGENTPLANE_PROFILE");
        if (named != null && !named.isBlank()) {
            resolved = resolved.orElse(file.get(named));
        }
        resolved = resolved.orElse(new Profile(environment.get("AGENTPLANE_URL"), environment.get("AGENTPLANE_API_KEY"),
                environment.get("AGENTPLANE_SIGNING_SECRET")));
        if (named == null && file.current() != null && file.profiles().containsKey(file.current())) {
            resolved = resolved.orElse(file.get(file.current()));
        }
        return resolved;
    }
}
