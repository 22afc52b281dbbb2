package dev.agentplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.cli.remote.Connection;
import dev.agentplane.cli.remote.FailureReport;
import dev.agentplane.cli.remote.Profile;
import dev.agentplane.client.AgentPlaneClient;
import dev.agentplane.client.AgentPlaneException;
import dev.agentplane.client.ClientJson;
import dev.agentplane.client.Operation;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.interpret.InterpretRequest;
import dev.agentplane.interpret.InterpretResult;
import dev.agentplane.interpret.Interpreter;
import dev.agentplane.interpret.LlmModelExtractor;
import dev.agentplane.llm.LlmConfig;
import dev.agentplane.llm.LlmConfigException;
import dev.agentplane.llm.Models;
import dev.agentplane.interpret.ModelExtractor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "interpret", sortOptions = false, description = {
        "Reads messy data (a file, or standard input) into the fields of a schema, on this machine (a configured model "
                + "is called for what the heuristics cannot settle), and prints what it read with a confidence per field. Input that is a JSON object or array is read as JSON, anything "
                + "else as text (--text forces text).",
        "Exit code: 0 when everything was read confidently, 1 when the result should be escalated (a field missing or "
                + "below the threshold), 2 when the schema, the input or a flag is invalid."})
final class InterpretCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--schema", required = true, paramLabel = "FILE",
            description = "The fields to read: the shorthand ({\"age\": \"integer\"}) or a JSON Schema, JSON or YAML.")
    Path schemaFile;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT", description = "The data to read (default: standard input).")
    Path input;

    @Option(names = "--text", description = "Read the input as text even when it is JSON.")
    boolean text;

    @Option(names = "--context", description = "What the data is (given to a model, when one is asked).")
    String context;

    @Option(names = "--locale", description = "BCP 47 locale of the data, e.g. de-DE (day/month order, decimal comma).")
    String locale;

    @Option(names = "--region", description = "Country for phone numbers without a country code, e.g. GB.")
    String region;

    @Option(names = "--reference-time", paramLabel = "TIME", description = "RFC 3339 time that words like 'tomorrow' count from (default now).")
    String referenceTime;

    @Option(names = "--timezone", description = "IANA time zone for times without an offset (default UTC).")
    String timezone;

    @Option(names = "--threshold", description = "Confidence threshold, 0..1 (default 0.7).")
    Double threshold;

    @Option(names = "--strategy", defaultValue = "auto", description = {
            "auto (default): heuristics, then a configured model for the fields below the threshold; heuristic; llm."})
    String strategy;

    @Option(names = "--model", description = "A model from the config file (provider/name); default its default model.")
    String model;

    @Option(names = "--config", paramLabel = "FILE", description = {
            "Config file with a models: section (docs/llm.md); default ./config.yaml when it exists. Without one, "
                    + "only the heuristics run."})
    Path config;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    Format output;

    @Option(names = "--server", paramLabel = "URL", description = {
            "Interpret on this AgentPlane server instead (its models; metered and audited there)."})
    String server;

    @Option(names = "--api-key", paramLabel = "KEY", description = "The server's API key (default: the profile's, $AGENTPLANE_API_KEY).")
    String apiKey;

    @Option(names = "--profile", paramLabel = "NAME", description = "Interpret on the server of this profile (see `agentplane profiles`).")
    String profile;

    @Option(names = "--escalate", description = "With --server: open an escalation when the result should be escalated.")
    boolean escalate;

    enum Format { text, json }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        InterpretResult result;
        try {
            JsonNode schema = Json.YAML.readTree(Files.readString(schemaFile));
            String raw = input == null ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(input);
            InterpretRequest request = new InterpretRequest(data(raw), schema, context,
                    new InterpretRequest.Options(locale, region, referenceTime, timezone), threshold, strategy, model, false);
            result = server != null || profile != null ? onServer(request) : new Interpreter(Clock.systemUTC(), models()).interpret(request);
        } catch (IOException e) {
            err.println("agentplane interpret: cannot read " + e.getMessage());
            return 2;
        } catch (LlmConfigException e) {
            err.println("agentplane interpret: " + config + ": " + e.getMessage());
            return 2;
        } catch (ProblemException e) { // an invalid schema or flag names the field and the fix; a failed model says why
            err.println("agentplane interpret: " + e.getMessage());
            return e.status() >= 500 ? 1 : 2;
        } catch (AgentPlaneException e) {
            err.println("agentplane interpret: " + FailureReport.describe(e));
            return e.status() == 400 ? 2 : 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(output == Format.json ? Json.write(result) + "\n" : text(result));
        out.flush();
        return result.shouldEscalate() ? 1 : 0;
    }

    @Operation("interpret")
    private InterpretResult onServer(InterpretRequest request) throws IOException {
        AgentPlaneClient client = Connection.open(new Profile(server, apiKey, null), profile);
        var wire = ClientJson.read(Json.MAPPER.valueToTree(request), dev.agentplane.client.model.InterpretRequest.class);
        var answer = client.interpret(escalate ? wire.escalating() : wire);
        return Json.MAPPER.treeToValue(ClientJson.tree(answer), InterpretResult.class);
    }

    private ModelExtractor models() throws IOException {
        Path file = config != null ? config : Files.exists(Path.of("config.yaml")) ? Path.of("config.yaml") : null;
        if (file == null) {
            return ModelExtractor.NONE;
        }
        config = file;
        LlmConfig models = LlmConfig.parse(Json.YAML.readTree(Files.readString(file)), System.getenv());
        return models.providers().isEmpty() ? ModelExtractor.NONE : new LlmModelExtractor(Models.create(models));
    }

    private JsonNode data(String raw) {
        String trimmed = raw.strip();
        if (!text && (trimmed.startsWith("{") || trimmed.startsWith("["))) {
            try {
                return Json.MAPPER.readTree(trimmed);
            } catch (IOException e) {
                // not JSON: read it as text
            }
        }
        return Json.MAPPER.getNodeFactory().textNode(raw);
    }

    private static String text(InterpretResult result) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Double> field : result.confidence().entrySet()) {
            JsonNode value = result.data().at("/" + field.getKey().replace('.', '/'));
            text.append(String.format("%-24s %-40s %.2f%n", field.getKey(),
                    value.isMissingNode() ? "(not found)" : value.isTextual() ? value.asText() : value.toString(), field.getValue()));
        }
        text.append(String.format("overall confidence %.2f%n", result.overallConfidence()));
        result.notes().forEach(note -> text.append("note: ").append(note).append('\n'));
        if (result.shouldEscalate()) {
            text.append("should escalate: ").append(result.escalationReason()).append('\n');
        }
        return text.toString();
    }
}
