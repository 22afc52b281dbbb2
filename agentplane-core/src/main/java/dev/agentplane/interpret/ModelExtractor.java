package dev.agentplane.interpret;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.interpret.schema.FieldSpec;
import dev.agentplane.interpret.values.InterpretOptions;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The model side of interpret: asks a language model for the fields the heuristics could not settle. */
public interface ModelExtractor {
    /** No model configured: auto falls back to the heuristics alone, llm is refused. */
    ModelExtractor NONE = new ModelExtractor() {
        @Override
        public Optional<String> resolve(String model) {
            return Optional.empty();
        }

        @Override
        public ModelAnswer extract(String model, List<FieldSpec> fields, JsonNode data, String context, InterpretOptions options) {
            throw new IllegalStateException("no model is configured");
        }
    };

    /** The configured model a request's {@code model} (or the default, for null) names, if any. */
    Optional<String> resolve(String model);

    ModelAnswer extract(String model, List<FieldSpec> fields, JsonNode data, String context, InterpretOptions options);

    /** Values by dotted path with the model's confidence, what the call used, and notes (e.g. a repaired answer). */
    record ModelAnswer(Map<String, JsonNode> values, Map<String, Double> confidence, InterpretResult.Tokens tokens,
                       BigDecimal cost, List<String> notes) {}
}
