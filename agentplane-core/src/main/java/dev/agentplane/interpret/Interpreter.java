package dev.agentplane.interpret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.FieldErrors;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.llm.LlmException;
import dev.agentplane.interpret.heuristic.Extraction;
import dev.agentplane.interpret.heuristic.HeuristicInterpreter;
import dev.agentplane.interpret.schema.FieldSpec;
import dev.agentplane.interpret.schema.InterpretSchema;
import dev.agentplane.interpret.values.InterpretOptions;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Interpret without side effects: heuristics first, a model only for the fields they could not settle (strategy
 * {@code auto}), or one of the two alone. {@link InterpretService} adds usage metering and escalations.
 */
public final class Interpreter {
    private final Clock clock;
    private final ModelExtractor models;

    public Interpreter(Clock clock, ModelExtractor models) {
        this.clock = clock;
        this.models = models;
    }

    public InterpretResult interpret(InterpretRequest request) {
        InterpretSchema schema = request.validate();
        Optional<String> model = models.resolve(request.model());
        if (request.model() != null && model.isEmpty()) {
            new FieldErrors().add("/model", "'" + request.model() + "' is not a configured model",
                    "configure it under models: in config.yaml (docs/llm.md), or leave model out").throwIfAny();
        }
        if (request.strategy().equals("llm") && model.isEmpty()) {
            new FieldErrors().add("/strategy", "llm needs a model, and none is configured",
                    "configure a model under models: in config.yaml (docs/llm.md), or use strategy auto or heuristic").throwIfAny();
        }
        return run(schema, request, model);
    }

    private InterpretResult run(InterpretSchema schema, InterpretRequest request, Optional<String> model) {
        InterpretOptions options = request.readingOptions(clock.instant());
        double threshold = request.confidenceThreshold();
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Map<String, Double> confidence = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        String strategy = request.strategy();
        if (!strategy.equals("llm")) {
            Extraction heuristic = HeuristicInterpreter.interpret(schema, request.data(), request.context(), options);
            values.putAll(heuristic.values());
            confidence.putAll(heuristic.confidence());
            notes.addAll(heuristic.notes());
        }
        List<FieldSpec> unsettled = schema.leaves().stream()
                .filter(field -> confidence.getOrDefault(field.path(), 0.0) < threshold).toList();
        InterpretResult.Tokens tokens = InterpretResult.Tokens.NONE;
        BigDecimal cost = BigDecimal.ZERO;
        String used = "heuristic";
        String modelUsed = null;
        if (model.isPresent() && !unsettled.isEmpty() && !strategy.equals("heuristic")) {
            ModelExtractor.ModelAnswer answer;
            try {
                answer = models.extract(model.get(), unsettled, request.data(), request.context(), options);
            } catch (LlmException failed) {
                if (strategy.equals("llm")) {
                    throw new ProblemException(502, "model-failed", "The model failed", failed.getMessage(), List.of(),
                            Map.of("model", model.get(), "reason", failed.kind().wireName()));
                }
                // auto: the heuristics' answer stands; the fields they could not settle stay unsettled
                notes.add("the model " + model.get() + " was not asked successfully (" + failed.getMessage() + ")");
                return result(schema, values, confidence, notes, threshold, "heuristic", null, tokens, cost);
            }
            answer.values().forEach((path, value) -> {
                if (answer.confidence().getOrDefault(path, 0.0) > confidence.getOrDefault(path, 0.0)) {
                    values.put(path, value);
                    confidence.put(path, answer.confidence().get(path));
                }
            });
            notes.addAll(answer.notes());
            tokens = answer.tokens();
            cost = answer.cost();
            used = strategy.equals("llm") ? "llm" : "heuristic+llm";
            modelUsed = model.get();
        }
        return result(schema, values, confidence, notes, threshold, used, modelUsed, tokens, cost);
    }

    private static InterpretResult result(InterpretSchema schema, Map<String, JsonNode> values, Map<String, Double> found,
                                          List<String> notes, double threshold, String strategy, String model,
                                          InterpretResult.Tokens tokens, BigDecimal cost) {
        Map<String, Double> confidence = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> low = new ArrayList<>();
        List<String> requiredMissing = new ArrayList<>();
        double sum = 0;
        List<FieldSpec> leaves = schema.leaves();
        for (FieldSpec leaf : leaves) {
            double value = values.containsKey(leaf.path()) ? found.getOrDefault(leaf.path(), 0.0) : 0.0;
            confidence.put(leaf.path(), value);
            sum += value;
            if (!values.containsKey(leaf.path())) {
                missing.add(leaf.path());
                if (leaf.required()) {
                    requiredMissing.add(leaf.path());
                }
            } else if (value < threshold) {
                low.add(leaf.path() + " (" + value + ")");
            }
        }
        double overall = leaves.isEmpty() ? 0 : Math.round(sum / leaves.size() * 100) / 100.0;
        List<String> reasons = new ArrayList<>();
        if (!requiredMissing.isEmpty()) {
            reasons.add("required fields not found: " + String.join(", ", requiredMissing));
        }
        if (!low.isEmpty()) {
            reasons.add("fields below the confidence threshold " + threshold + ": " + String.join(", ", low));
        }
        if (overall < threshold) {
            reasons.add("overall confidence " + overall + " is below " + threshold
                    + (missing.isEmpty() ? "" : " (not found: " + String.join(", ", missing) + ")"));
        }
        return new InterpretResult(!values.isEmpty() && requiredMissing.isEmpty(), nest(values), confidence, overall, missing,
                notes, !reasons.isEmpty(), reasons.isEmpty() ? null : String.join("; ", reasons), strategy, model, tokens,
                cost, null);
    }

    /** Dotted paths back into nested objects: {@code address.city} becomes {@code {"address": {"city": …}}}. */
    static ObjectNode nest(Map<String, JsonNode> values) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        values.forEach((path, value) -> {
            String[] parts = path.split("\\.");
            ObjectNode node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                node = node.has(parts[i]) && node.get(parts[i]).isObject() ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
            }
            node.set(parts[parts.length - 1], value);
        });
        return root;
    }
}
