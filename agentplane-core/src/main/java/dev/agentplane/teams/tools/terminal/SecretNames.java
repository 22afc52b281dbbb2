package dev.agentplane.teams.tools.terminal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Environment variable names that look like they hold a secret, which no command ever receives. */
final class SecretNames {
    private static final List<String> PARTS = List.of("KEY", "TOKEN", "SECRET", "PASS", "CREDENTIAL", "PRIVATE",
            "COOKIE", "SESSION", "SIGNATURE", "DSN", "DATABASE_URL", "CONNECTION_STRING", "AUTH");
    private static final List<String> PREFIXES = List.of("AWS_", "AZURE_", "ARM_", "GOOGLE_", "GCP_", "GCLOUD_",
            "CLOUDSDK_", "DIGITALOCEAN_", "HCLOUD_", "VAULT_", "TF_VAR_", "AGENTPLANE_", "SSH_");

    private SecretNames() {}

    /** Why {@code name} looks secret (the pattern it matched), or empty when it does not. */
    static Optional<String> why(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (String prefix : PREFIXES) {
            if (upper.startsWith(prefix)) {
                return Optional.of(prefix + "*");
            }
        }
        for (String part : PARTS) {
            if (upper.contains(part) && !(part.equals("AUTH") && upper.contains("AUTHOR"))) {
                return Optional.of("*" + part + "*");
            }
        }
        return Optional.empty();
    }
}
