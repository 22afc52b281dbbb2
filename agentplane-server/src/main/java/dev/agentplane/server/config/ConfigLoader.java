package dev.agentplane.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.executions.engine.EngineSettings;
import dev.agentplane.llm.LlmConfig;
import dev.agentplane.llm.LlmConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import dev.agentplane.tenancy.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads settings from a YAML file and from {@code AGENTPLANE_*} environment variables (the variable wins):
 * the setting {@code database.url} is the variable {@code AGENTPLANE_DATABASE_URL}. Unknown settings are
 * refused by name, so a typo never silently falls back to a default.
 */
public final class ConfigLoader {
    static final Set<String> SETTINGS = Set.of("port", "data_dir", "database.url", "database.user",
            "database.password", "database.pool_size", "bootstrap_admin_key", "shutdown_grace_seconds",
            "cors.allowed_origins", "cors.allowed_methods", "cors.allowed_headers", "cors.max_age_seconds",
            "rate_limits.admin", "rate_limits.developer", "rate_limits.agent", "rate_limits.viewer",
            "rate_limits.auditor", "rate_limits.failed_auth_per_minute", "secrets_key", "engine.workers",
            "engine.lease_seconds", "teams_dir");

    /**
     * Sections of a Plagentic config.yaml that the server does not read: {@code tools} configures the team runner,
     * {@code logging} and {@code security} have AgentPlane equivalents (logback, docs/security.md). Accepted so one
     * config.yaml serves both.
     */
    static final Set<String> OTHER_SECTIONS = Set.of("tools", "logging", "security");

    private ConfigLoader() {}

    public static ServerConfig load(Path configFile, Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>();
        LlmConfig llm = LlmConfig.none();
        if (configFile != null) {
            JsonNode root = readTree(configFile);
            llm = models(configFile, root, environment);
            values.putAll(settings(configFile, root));
        }
        for (String setting : SETTINGS) {
            String variable = environmentVariable(setting);
            if (environment.containsKey(variable)) {
                values.put(setting, environment.get(variable));
            }
        }
        return toConfig(values, llm);
    }

    public static String environmentVariable(String setting) {
        return "AGENTPLANE_" + setting.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static JsonNode readTree(Path file) {
        JsonNode root;
        try {
            root = Json.YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return Json.object();
        }
        if (!root.isObject()) {
            throw new ConfigException(file + " must be a YAML mapping of settings, e.g. 'port: 8080'");
        }
        return root;
    }

    /** The language models ({@code models:}, {@code default_model:}, {@code prices:}; docs/llm.md). */
    private static LlmConfig models(Path file, JsonNode root, Map<String, String> environment) {
        try {
            return LlmConfig.parse(root, environment);
        } catch (LlmConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    private static Map<String, String> settings(Path file, JsonNode root) {
        ObjectNode settings = ((ObjectNode) root).deepCopy();
        settings.remove(LlmConfig.TOP_LEVEL_KEYS);
        settings.remove(OTHER_SECTIONS);
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", settings, flat);
        for (String key : flat.keySet()) {
            if (!SETTINGS.contains(key)) {
                throw new ConfigException(file + ": unknown setting '" + key + "'; known settings are "
                        + String.join(", ", new TreeSet<>(SETTINGS)) + ", and the sections models:, default_model:, prices: (docs/llm.md), tools:, logging:, security:");
            }
        }
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        node.fields().forEachRemaining(field -> {
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (field.getValue().isObject()) {
                flatten(key, field.getValue(), into);
            } else if (field.getValue().isArray()) {
                List<String> items = new ArrayList<>();
                field.getValue().forEach(item -> items.add(item.asText()));
                into.put(key, String.join(",", items));
            } else if (!field.getValue().isNull()) {
                into.put(key, field.getValue().asText());
            }
        });
    }

    private static ServerConfig toConfig(Map<String, String> values, LlmConfig llm) {
        ServerConfig defaults = ServerConfig.defaults();
        return new ServerConfig(
                inRange("port", intSetting(values, "port", defaults.port()), 0, 65535),
                values.containsKey("data_dir") ? Path.of(values.get("data_dir")) : defaults.dataDir(),
                values.get("database.url"),
                values.get("database.user"),
                values.get("database.password"),
                inRange("database.pool_size", intSetting(values, "database.pool_size", defaults.databasePoolSize()), 1, 500),
                values.get("bootstrap_admin_key"),
                values.containsKey("shutdown_grace_seconds")
                        ? intSetting(values, "shutdown_grace_seconds", 20) * 1000L : defaults.shutdownGraceMillis(),
                new CorsSettings(list(values, "cors.allowed_origins", defaults.cors().allowedOrigins()),
                        list(values, "cors.allowed_methods", defaults.cors().allowedMethods()),
                        list(values, "cors.allowed_headers", defaults.cors().allowedHeaders()),
                        inRange("cors.max_age_seconds", intSetting(values, "cors.max_age_seconds",
                                defaults.cors().maxAgeSeconds()), 0, 86_400)),
                rateLimits(values, defaults.rateLimits()),
                values.get("secrets_key"),
                engine(values, defaults.engine()),
                llm,
                values.containsKey("teams_dir") ? Path.of(values.get("teams_dir")) : defaults.teamsDir());
    }

    private static EngineSettings engine(Map<String, String> values, EngineSettings defaults) {
        int workers = inRange("engine.workers", intSetting(values, "engine.workers", defaults.workers()), 1, 1024);
        int leaseSeconds = inRange("engine.lease_seconds", intSetting(values, "engine.lease_seconds",
                (int) defaults.lease().toSeconds()), 1, 3600);
        return defaults.withWorkers(workers).withLease(Duration.ofSeconds(leaseSeconds));
    }

    private static RateLimitSettings rateLimits(Map<String, String> values, RateLimitSettings defaults) {
        RateLimitSettings limits = new RateLimitSettings(defaults.perMinuteByRole(), inRange(
                "rate_limits.failed_auth_per_minute", intSetting(values, "rate_limits.failed_auth_per_minute",
                        defaults.failedAuthPerMinute()), 1, Integer.MAX_VALUE));
        for (Role role : Role.values()) {
            String key = "rate_limits." + role.wireName();
            limits = limits.withRole(role, inRange(key, intSetting(values, key, defaults.perMinute(role)), 1,
                    Integer.MAX_VALUE));
        }
        return limits;
    }

    /** A list setting: a YAML list, or a comma-separated string (as environment variables give it). */
    private static List<String> list(Map<String, String> values, String key, List<String> fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static int inRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException("setting '" + key + "' (" + environmentVariable(key) + ") must be between " + min
                    + " and " + max + ", not " + value);
        }
        return value;
    }

    private static int intSetting(Map<String, String> values, String key, int fallback) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("setting '" + key + "' (" + environmentVariable(key) + ") must be a whole number, not '"
                    + value + "'");
        }
    }
}
