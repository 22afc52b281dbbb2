package dev.agentplane.teams.tools.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.teams.tools.support.SettingsReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code tools.terminal} section of a team: the longest a command may run ({@code timeout_seconds}, 60), how
 * much output the model gets back ({@code max_output_bytes}, 16 KiB), which host environment variables commands
 * see besides the minimal ones ({@code env_passthrough}; names that look secret are refused), extra deny patterns
 * ({@code deny}, regular expressions) and, optionally, the only programs commands may run ({@code allow}).
 */
public record TerminalSettings(Duration timeout, int maxOutputBytes, List<String> envPassthrough, List<Pattern> deny,
        Optional<Set<String>> allow) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PROGRAM = Pattern.compile("[^\\s;&|<>()$`'\"\\\\]+");

    public TerminalSettings {
        envPassthrough = List.copyOf(envPassthrough);
        deny = List.copyOf(deny);
        allow = allow.map(Set::copyOf);
    }

    public static TerminalSettings defaults() {
        return from(null, "tools.terminal");
    }

    public static TerminalSettings from(JsonNode node, String path) {
        SettingsReader settings = SettingsReader.of(node, path,
                Set.of("timeout_seconds", "max_output_bytes", "env_passthrough", "deny", "allow"));
        int timeout = settings.integer("timeout_seconds", (int) DEFAULT_TIMEOUT.toSeconds(), 1, 3600);
        int maxOutput = settings.integer("max_output_bytes", DEFAULT_MAX_OUTPUT_BYTES, 1024, 16 * 1024 * 1024);
        return new TerminalSettings(Duration.ofSeconds(timeout), maxOutput,
                passthrough(settings, "env_passthrough"), deny(settings, "deny"), allow(settings, "allow"));
    }

    private static List<String> passthrough(SettingsReader settings, String key) {
        List<String> names = settings.strings(key);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(settings.path(key) + "[" + i + "] '" + name
                        + "' is not an environment variable name");
            }
            String why = SecretNames.why(name).orElse(null);
            if (why != null) {
                throw new IllegalArgumentException(settings.path(key) + "[" + i + "] '" + name + "' looks like a "
                        + "secret (" + why + "), and secrets are never passed to commands; remove it (a command "
                        + "that needs a credential should get it from a tool made for it, not from the environment)");
            }
        }
        return names;
    }

    private static List<Pattern> deny(SettingsReader settings, String key) {
        List<Pattern> patterns = new ArrayList<>();
        List<String> texts = settings.strings(key);
        for (int i = 0; i < texts.size(); i++) {
            try {
                patterns.add(Pattern.compile(texts.get(i)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(settings.path(key) + "[" + i + "] is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        return patterns;
    }

    private static Optional<Set<String>> allow(SettingsReader settings, String key) {
        Optional<List<String>> programs = settings.optionalStrings(key);
        if (programs.isPresent() && programs.get().isEmpty()) {
            throw new IllegalArgumentException(settings.path(key) + " must name at least one program, e.g. "
                    + "[git, terraform]; leave it out to allow any program the deny list does not refuse");
        }
        for (int i = 0; programs.isPresent() && i < programs.get().size(); i++) {
            if (!PROGRAM.matcher(programs.get().get(i)).matches()) {
                throw new IllegalArgumentException(settings.path(key) + "[" + i + "] '" + programs.get().get(i)
                        + "' is not a program name");
            }
        }
        return programs.map(Set::copyOf);
    }
}
