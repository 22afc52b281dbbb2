package dev.agentplane.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.client.AgentPlaneClient;
import dev.agentplane.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * A resource command group ({@code agentplane agents …}): its subcommands are methods, and these options are
 * accepted anywhere on their command lines.
 */
public abstract class RemoteCommand {
    @Spec
    protected CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The AgentPlane server (default: the profile's, $AGENTPLANE_URL, http://localhost:8080).")
    String server;

    @Option(names = "--api-key", paramLabel = "KEY", scope = ScopeType.INHERIT,
            description = "The API key (default: the profile's, $AGENTPLANE_API_KEY).")
    String apiKey;

    @Option(names = "--signing-secret", paramLabel = "SECRET", scope = ScopeType.INHERIT,
            description = "Signs every request, for a key created with signed: true ($AGENTPLANE_SIGNING_SECRET).")
    String signingSecret;

    @Option(names = "--profile", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "A profile of ~/.config/agentplane/config.yaml (see `agentplane profiles`).")
    String profile;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table", scope = ScopeType.INHERIT,
            description = "table (default) or json (the server's JSON, for scripts).")
    OutputOptions.Format output;

    private AgentPlaneClient client;

    protected AgentPlaneClient client() {
        if (client == null) {
            try {
                client = Connection.open(new Profile(server, apiKey, signingSecret), profile);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(invoked(), "--server: " + e.getMessage());
            }
        }
        return client;
    }

    /** The subcommand that runs (a method of this class), for errors to show its usage. */
    protected CommandLine invoked() {
        CommandLine invoked = spec.commandLine();
        for (ParseResult parsed = invoked.getParseResult(); parsed != null && parsed.hasSubcommand(); ) {
            parsed = parsed.subcommand();
            invoked = parsed.commandSpec().commandLine();
        }
        return invoked;
    }

    protected Printer printer() {
        return new Printer(spec.commandLine().getOut(), output);
    }

    /** A JSON (or YAML) value given on the command line: inline, {@code @file}, or {@code -} for stdin. */
    protected JsonNode json(String option, String value) {
        if (value == null) {
            return null;
        }
        String text = text(option, value);
        try {
            return Json.YAML.readTree(text);
        } catch (IOException e) {
            throw new ParameterException(invoked(), option + " is not valid JSON or YAML: "
                    + e.getMessage().lines().findFirst().orElse("") + " (give it inline, as @file, or - for stdin)");
        }
    }

    /** Text given on the command line: inline, {@code @file}, or {@code -} for stdin. */
    protected String text(String option, String value) {
        try {
            if (value.equals("-")) {
                return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return value.startsWith("@") ? Files.readString(Path.of(value.substring(1))) : value;
        } catch (NoSuchFileException e) {
            throw new ParameterException(invoked(), option + ": no such file " + e.getFile());
        } catch (IOException e) {
            throw new ParameterException(invoked(), option + ": cannot read " + value + ": " + e.getMessage());
        }
    }
}
