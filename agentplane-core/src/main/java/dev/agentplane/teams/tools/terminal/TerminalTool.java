package dev.agentplane.teams.tools.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.teams.tools.AgentTool;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.ToolResult;
import dev.agentplane.teams.tools.support.Arguments;
import dev.agentplane.teams.tools.support.ToolArgumentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code terminal}: runs a shell command in the run's workspace, checked first by a {@link CommandGuard}, with a
 * timeout that kills every process it started, an output cap, and a minimal environment without secrets.
 */
public final class TerminalTool implements AgentTool {
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private final TerminalSettings settings;
    private final Map<String, String> hostEnvironment;
    private final CommandGuard guard;

    public TerminalTool(TerminalSettings settings) {
        this(settings, System.getenv());
    }

    /** {@code hostEnvironment}: where {@code PATH}, {@code LANG} and the {@code env_passthrough} names are read. */
    public TerminalTool(TerminalSettings settings, Map<String, String> hostEnvironment) {
        this.settings = settings;
        this.hostEnvironment = Map.copyOf(hostEnvironment);
        this.guard = new CommandGuard(settings.deny(), settings.allow());
    }

    @Override
    public String name() {
        return "terminal";
    }

    @Override
    public String description() {
        return "Runs a shell command (/bin/sh -c) in the workspace directory and returns its exit code and output "
                + "(stdout and stderr together; beyond " + settings.maxOutputBytes() + " bytes only the start and "
                + "the end are kept). A command is killed with everything it started after "
                + settings.timeout().toSeconds() + " s. Destructive and privilege-escalating commands (sudo, "
                + "rm -rf /, mkfs, shutdown, curl … | sh, …) are refused"
                + settings.allow().map(p -> "; only these programs may run: " + String.join(", ", p.stream().sorted().toList()))
                        .orElse("")
                + ". HOME is the workspace; no secrets are in the environment; stdin is empty.";
    }

    @Override
    public JsonNode parameters() {
        ObjectNode schema = Json.object().put("type", "object").put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("command").put("type", "string").put("minLength", 1)
                .put("description", "the command line, run by /bin/sh -c in the workspace directory");
        properties.putObject("timeout_seconds").put("type", "integer").put("minimum", 1)
                .put("maximum", settings.timeout().toSeconds())
                .put("description", "stop it sooner than the default " + settings.timeout().toSeconds() + " s");
        schema.putArray("required").add("command");
        return schema;
    }

    @Override
    public ToolResult run(JsonNode arguments, ToolContext context) throws InterruptedException {
        long limit = limitSeconds(context);
        String command;
        Duration timeout;
        try {
            Arguments args = Arguments.of(arguments, Set.of("command", "timeout_seconds"));
            command = args.requiredString("command");
            if (command.isBlank()) {
                throw new ToolArgumentException("argument 'command' is empty; give a command line such as 'ls -la'");
            }
            timeout = Duration.ofSeconds(args.optionalInteger("timeout_seconds", 1, (int) limit).orElse((int) limit));
        } catch (ToolArgumentException e) {
            return ToolResult.error(e.getMessage());
        }
        Optional<Refusal> refusal = guard.check(command);
        if (refusal.isPresent()) {
            ObjectNode data = Json.object().put("refused_by", refusal.get().rule()).put("sub_command", refusal.get().subCommand());
            return new ToolResult(refusal.get().explain(), true, data);
        }
        Path workspace = workspace(context);
        ProcessRunner.Outcome outcome;
        try {
            outcome = ProcessRunner.run(command, workspace, environment(workspace), timeout, settings.maxOutputBytes());
        } catch (IOException e) {
            return ToolResult.error("the command could not be started: " + e.getMessage());
        }
        return result(outcome, timeout);
    }

    private long limitSeconds(ToolContext context) {
        Duration limit = settings.timeout();
        if (context.timeout() != null && context.timeout().compareTo(limit) < 0) {
            limit = context.timeout();
        }
        return Math.max(1, limit.toSeconds());
    }

    private static Path workspace(ToolContext context) {
        Path workspace = context.workspace();
        if (workspace == null || !Files.isDirectory(workspace)) {
            throw new IllegalStateException("the run's workspace " + workspace + " is not a directory");
        }
        try {
            Files.createDirectories(workspace.resolve(".tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return workspace;
    }

    /** Only what commands need, never the server's or the user's secrets: names listed by the team are added. */
    Map<String, String> environment(Path workspace) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String name : settings.envPassthrough()) {
            if (hostEnvironment.containsKey(name)) {
                environment.put(name, hostEnvironment.get(name));
            }
        }
        environment.put("PATH", safePath(hostEnvironment.get("PATH")));
        environment.put("HOME", workspace.toString());
        environment.put("LANG", hostEnvironment.getOrDefault("LANG", "C.UTF-8"));
        environment.put("TERM", "dumb");
        environment.put("TMPDIR", workspace.resolve(".tmp").toString());
        return environment;
    }

    /** The host's PATH without relative entries, which would look programs up in the workspace. */
    private static String safePath(String path) {
        if (path == null || path.isBlank()) {
            return DEFAULT_PATH;
        }
        String absolute = Arrays.stream(path.split(":")).filter(entry -> entry.startsWith("/"))
                .collect(Collectors.joining(":"));
        return absolute.isEmpty() ? DEFAULT_PATH : absolute;
    }

    private static ToolResult result(ProcessRunner.Outcome outcome, Duration timeout) {
        String seconds = String.format("%.1f s", outcome.elapsed().toMillis() / 1000.0);
        String head = outcome.timedOut()
                ? "timed out after " + timeout.toSeconds() + " s: the command and every process it started were killed"
                : "exit code " + outcome.exitCode() + " (" + seconds + ")";
        String body = outcome.outputBytes() == 0 ? " — no output" : "\n" + outcome.output();
        ObjectNode data = Json.object().put("exit_code", outcome.exitCode()).put("timed_out", outcome.timedOut())
                .put("duration_ms", outcome.elapsed().toMillis()).put("output_bytes", outcome.outputBytes())
                .put("cut_bytes", outcome.cutBytes());
        return new ToolResult(head + body, outcome.timedOut() || outcome.exitCode() != 0, data);
    }
}
