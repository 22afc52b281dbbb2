package dev.agentplane.executions.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Expressions as the engine uses them, over the variables of one step ({@code inputs}, {@code steps},
 * {@code item}, {@code index}, {@code execution}) given as one JSON object.
 */
public interface StepExpressions {
    boolean test(String condition, JsonNode variables);

    JsonNode evaluate(String expression, JsonNode variables);

    /** The template with every {@code ${{ … }}} replaced by its value. */
    JsonNode render(JsonNode template, JsonNode variables);
}
