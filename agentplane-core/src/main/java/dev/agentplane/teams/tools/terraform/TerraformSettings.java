package dev.agentplane.teams.tools.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code tools.terraform} section of a team: which binary runs, in which directory of the workspace, for how
 * long at most, whether a saved plan may be applied without a human's approval, and the optional plugin cache and
 * CLI configuration file handed to Terraform (the only TF_* variables it sees besides TF_IN_AUTOMATION).
 */
public record TerraformSettings(String binary, String workingDir, int timeoutSeconds, boolean autoApprove,
                                Optional<Path> pluginCacheDir, Optional<Path> cliConfigFile) {
    public static final String DEFAULT_BINARY = "terraform";
    public static final int DEFAULT_TIMEOUT_SECONDS = 600;
    public static final int MAX_TIMEOUT_SECONDS = 86_400;
    private static final Set<String> KEYS = Set.of("binary", "working_dir", "timeout_seconds", "auto_approve",
            "plugin_cache_dir", "cli_config_file");

    public TerraformSettings {
        if (binary == null || binary.isBlank()) {
            throw new IllegalArgumentException("binary must not be blank");
        }
        workingDir = workingDir == null || workingDir.isBlank() ? "." : workingDir;
        pluginCacheDir = pluginCacheDir == null ? Optional.empty() : pluginCacheDir;
        cliConfigFile = cliConfigFile == null ? Optional.empty() : cliConfigFile;
    }

    public static TerraformSettings defaults() {
        return new TerraformSettings(DEFAULT_BINARY, ".", DEFAULT_TIMEOUT_SECONDS, false, Optional.empty(),
                Optional.empty());
    }

    /** Reads the section at {@code path} (e.g. {@code tools.terraform}); null or missing means the defaults. */
    public static TerraformSettings from(JsonNode node, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return defaults();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " must be an object with the keys " + String.join(", ",
                    KEYS.stream().sorted().toList()));
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!KEYS.contains(field.getKey())) {
                throw new IllegalArgumentException(path + "." + field.getKey() + " is not a setting of terraform; "
                        + "use one of " + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        String binary = text(node, path, "binary", DEFAULT_BINARY);
        String workingDir = relativeDir(text(node, path, "working_dir", "."), path + ".working_dir");
        JsonNode timeout = node.get("timeout_seconds");
        int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
        if (timeout != null && !timeout.isNull()) {
            if (!timeout.canConvertToInt() || !timeout.isIntegralNumber() || timeout.intValue() < 1
                    || timeout.intValue() > MAX_TIMEOUT_SECONDS) {
                throw new IllegalArgumentException(path + ".timeout_seconds must be a whole number between 1 and "
                        + MAX_TIMEOUT_SECONDS);
            }
            timeoutSeconds = timeout.intValue();
        }
        JsonNode approve = node.get("auto_approve");
        if (approve != null && !approve.isNull() && !approve.isBoolean()) {
            throw new IllegalArgumentException(path + ".auto_approve must be true or false");
        }
        boolean autoApprove = approve != null && approve.booleanValue();
        return new TerraformSettings(binary, workingDir, timeoutSeconds, autoApprove,
                absolute(node, path, "plugin_cache_dir"), absolute(node, path, "cli_config_file"));
    }

    private static String text(JsonNode node, String path, String key, String fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException(path + "." + key + " must be a non-empty string");
        }
        return value.textValue();
    }

    private static String relativeDir(String dir, String key) {
        Path parsed = parse(dir, key);
        if (parsed.isAbsolute() || parsed.normalize().startsWith("..")) {
            throw new IllegalArgumentException(key + " must be a directory inside the workspace, relative to it "
                    + "(e.g. infra), not " + dir);
        }
        return dir;
    }

    private static Optional<Path> absolute(JsonNode node, String path, String key) {
        if (!node.hasNonNull(key)) {
            return Optional.empty();
        }
        Path parsed = parse(text(node, path, key, ""), path + "." + key);
        if (!parsed.isAbsolute()) {
            throw new IllegalArgumentException(path + "." + key + " must be an absolute path, not " + parsed);
        }
        return Optional.of(parsed.normalize());
    }

    private static Path parse(String text, String key) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(key + " is not a valid path: " + e.getReason());
        }
    }
}
