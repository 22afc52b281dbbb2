package dev.agentplane.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CLI's profiles in {@code ~/.config/agentplane/config.yaml} ({@code $XDG_CONFIG_HOME} is honoured; the
 * {@code AGENTPLANE_CLI_CONFIG} variable or the {@code agentplane.cli.config} property names another file):
 * <pre>
 * current: staging
 * profiles:
 *   staging: {server: https://agentplane.staging.example.com, api_key: ap_…}
 * </pre>
 * Written with owner-only permissions, since it holds keys.
 */
public final class ProfileFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final Path path;
    private String current;
    private final Map<String, Profile> profiles = new LinkedHashMap<>();

    private ProfileFile(Path path) {
        this.path = path;
    }

    public static Path defaultPath() {
        String named = System.getProperty("agentplane.cli.config", System.getenv("AGENTPLANE_CLI_CONFIG"));
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("agentplane").resolve("config.yaml");
    }

    public static ProfileFile load() {
        return load(defaultPath());
    }

    static ProfileFile load(Path path) {
        ProfileFile file = new ProfileFile(path);
        if (!Files.exists(path)) {
            return file;
        }
        try {
            JsonNode root = YAML.readTree(path.toFile());
            if (root == null || root.isMissingNode() || root.isNull()) {
                return file;
            }
            if (!root.isObject()) {
                throw new ProfileException(path + ": expected a mapping with `current` and `profiles`");
            }
            file.current = root.path("current").isTextual() ? root.get("current").asText() : null;
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("profiles").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode p = entry.getValue();
                file.profiles.put(entry.getKey(), new Profile(text(p, "server"), text(p, "api_key"), text(p, "signing_secret")));
            }
            return file;
        } catch (IOException e) {
            throw new ProfileException(path + " is not valid YAML: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isValueNode() ? node.get(field).asText() : null;
    }

    public Path path() {
        return path;
    }

    public String current() {
        return current;
    }

    public Map<String, Profile> profiles() {
        return Map.copyOf(profiles);
    }

    public Profile get(String name) {
        Profile profile = profiles.get(name);
        if (profile == null) {
            throw new ProfileException("no profile named '" + name + "' in " + path
                    + (profiles.isEmpty() ? "" : " (profiles: " + String.join(", ", profiles.keySet()) + ")")
                    + "; add it with `agentplane profiles set " + name + " --server URL --api-key KEY`");
        }
        return profile;
    }

    public void put(String name, Profile profile) {
        profiles.put(name, profile);
        if (current == null) {
            current = name;
        }
    }

    public void remove(String name) {
        get(name);
        profiles.remove(name);
        if (name.equals(current)) {
            current = null;
        }
    }

    public void use(String name) {
        get(name);
        current = name;
    }

    public void save() {
        ObjectNode root = YAML.createObjectNode();
        if (current != null) {
            root.put("current", current);
        }
        ObjectNode all = root.putObject("profiles");
        profiles.forEach((name, profile) -> {
            ObjectNode p = all.putObject(name);
            putIfSet(p, "server", profile.server());
            putIfSet(p, "api_key", profile.apiKey());
            putIfSet(p, "signing_secret", profile.signingSecret());
        });
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, YAML.writeValueAsString(root));
            Files.move(temporary, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
