package dev.agentplane.expressions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.runtime.CelVariableResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables an expression can read. {@code inputs} and {@code steps} are always set (empty objects unless
 * given); {@code item} and {@code index} only inside a foreach, {@code execution} only when the engine runs one;
 * {@code secrets} maps configured secret names to their values. Build with {@link #builder()}. The context reads
 * the JSON nodes it is given without copying them (step outputs can be large): do not change them while it is in
 * use.
 */
public final class ExpressionContext {
    static final String INPUTS = "inputs";
    static final String STEPS = "steps";
    static final String ITEM = "item";
    static final String INDEX = "index";
    static final String EXECUTION = "execution";
    static final String SECRETS = "secrets";
    /** Every variable name, in the order the docs list them. */
    static final List<String> VARIABLES = List.of(INPUTS, STEPS, ITEM, INDEX, EXECUTION, SECRETS);

    private static final ExpressionContext EMPTY = builder().build();

    private final JsonNode inputs;
    private final JsonNode steps;
    private final JsonNode item;
    private final Long index;
    private final JsonNode execution;
    private final Map<String, String> secrets;
    private final SecretRedactor redactor;
    private final CelVariableResolver resolver;

    private ExpressionContext(Builder builder) {
        this.inputs = builder.inputs;
        this.steps = builder.steps;
        this.item = builder.item;
        this.index = builder.index;
        this.execution = builder.execution;
        this.secrets = Map.copyOf(builder.secrets);
        this.redactor = SecretRedactor.of(secrets);
        Map<String, Object> secretValues = Map.copyOf(secrets);
        this.resolver = name -> switch (name) {
            case INPUTS -> Optional.of(JsonToCel.value(inputs));
            case STEPS -> Optional.of(JsonToCel.value(steps));
            case ITEM -> Optional.ofNullable(item).map(JsonToCel::value);
            case INDEX -> Optional.ofNullable(index);
            case EXECUTION -> Optional.ofNullable(execution).map(JsonToCel::value);
            case SECRETS -> Optional.of(secretValues);
            default -> Optional.empty();
        };
    }

    public static ExpressionContext empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public JsonNode inputs() {
        return inputs;
    }

    public JsonNode steps() {
        return steps;
    }

    public Optional<JsonNode> item() {
        return Optional.ofNullable(item);
    }

    public Optional<Long> index() {
        return Optional.ofNullable(index);
    }

    public Optional<JsonNode> execution() {
        return Optional.ofNullable(execution);
    }

    public Map<String, String> secrets() {
        return secrets;
    }

    /** Replaces the values of this context's secrets wherever they appear; see {@link SecretRedactor}. */
    public SecretRedactor redactor() {
        return redactor;
    }

    CelVariableResolver resolver() {
        return resolver;
    }

    /** Whether {@code variable} has a value here: item, index and execution may not. */
    boolean isSet(String variable) {
        return switch (variable) {
            case ITEM -> item != null;
            case INDEX -> index != null;
            case EXECUTION -> execution != null;
            default -> true;
        };
    }

    public static final class Builder {
        private JsonNode inputs = JsonNodeFactory.instance.objectNode();
        private ObjectNode steps = JsonNodeFactory.instance.objectNode();
        /** False while {@link #steps} belongs to a caller or a built context, so {@link #step} copies it first. */
        private boolean ownsSteps = true;
        private JsonNode item;
        private Long index;
        private JsonNode execution;
        private Map<String, String> secrets = Map.of();

        private Builder() {}

        /** The execution's inputs, defaults applied; null means none. */
        public Builder inputs(JsonNode inputs) {
            this.inputs = inputs == null ? JsonNodeFactory.instance.objectNode() : inputs;
            return this;
        }

        /** All finished (or running) steps at once: an object of step id to {output, status, error, attempts}. */
        public Builder steps(ObjectNode steps) {
            this.steps = steps == null ? JsonNodeFactory.instance.objectNode() : steps;
            this.ownsSteps = steps == null;
            return this;
        }

        /** Adds one step as {@code steps.<id>}; a null output or error is JSON null. */
        public Builder step(String id, JsonNode output, String status, JsonNode error, int attempts) {
            if (!ownsSteps) {
                steps = steps.deepCopy();
                ownsSteps = true;
            }
            ObjectNode step = steps.putObject(id);
            step.set("output", output == null ? JsonNodeFactory.instance.nullNode() : output);
            step.put("status", status);
            step.set("error", error == null ? JsonNodeFactory.instance.nullNode() : error);
            step.put("attempts", attempts);
            return this;
        }

        /** The current foreach element and its 0-based position. */
        public Builder item(JsonNode item, long index) {
            this.item = item == null ? JsonNodeFactory.instance.nullNode() : item;
            this.index = index;
            return this;
        }

        /** Facts about the running execution: id, workflow, version, started_at, attempt… as the engine sets. */
        public Builder execution(JsonNode execution) {
            this.execution = execution;
            return this;
        }

        /** Secret name to value. Rendering tells which results used them; see {@link Rendered}. */
        public Builder secrets(Map<String, String> secrets) {
            this.secrets = secrets == null ? Map.of() : new LinkedHashMap<>(secrets);
            return this;
        }

        public ExpressionContext build() {
            ownsSteps = false;
            return new ExpressionContext(this);
        }
    }
}
