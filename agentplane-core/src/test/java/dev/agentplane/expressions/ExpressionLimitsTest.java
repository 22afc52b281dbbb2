package dev.agentplane.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import org.junit.jupiter.api.Test;

class ExpressionLimitsTest {
    private final Expressions expressions = new Expressions();

    private static ExpressionContext withInputs(ObjectNode inputs) {
        return ExpressionContext.builder().inputs(inputs).build();
    }

    private static ObjectNode bigInputs() {
        ObjectNode inputs = JsonNodeFactory.instance.objectNode();
        inputs.put("text", "x".repeat(200_000));
        ArrayNode numbers = inputs.putArray("numbers");
        for (int i = 0; i < 1_000; i++) {
            numbers.add(i);
        }
        return inputs;
    }

    @Test
    void a_result_larger_than_the_cap_is_refused() {
        ExpressionContext context = withInputs(bigInputs());

        assertThatThrownBy(() -> expressions.evaluate("inputs.numbers.map(n, inputs.text)", context))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("the result is larger than " + Expressions.MAX_RESULT_CHARS + " characters");
        assertThatThrownBy(() -> expressions.render(Json.parse(
                "[\"${{ inputs.text }}\", \"${{ inputs.text }}\", \"${{ inputs.text }}\", \"${{ inputs.text }}\", "
                        + "\"${{ inputs.text }}\", \"${{ inputs.text }}\"]"), context))
                .hasMessageContaining("the result is larger than");
    }

    @Test
    void building_or_interpolating_a_huge_string_is_refused() {
        ExpressionContext context = withInputs(bigInputs());
        String sixTimes = "inputs.text + inputs.text + inputs.text + inputs.text + inputs.text + inputs.text";

        assertThatThrownBy(() -> expressions.evaluate("size(" + sixTimes + ")", context))
                .hasMessageContaining("builds a string of 1200000 characters; the limit is " + Expressions.MAX_STRING_CHARS);
        assertThatThrownBy(() -> expressions.render(Json.parse(
                "\"${{ inputs.text }}${{ inputs.text }}${{ inputs.text }}${{ inputs.text }}${{ inputs.text }}${{ inputs.text }}\""),
                context)).hasMessageContaining("the result is larger than " + Expressions.MAX_RESULT_CHARS);
    }

    @Test
    void strings_built_and_discarded_still_count() {
        ExpressionContext context = withInputs(bigInputs());

        assertThatThrownBy(() -> expressions.evaluate(
                "inputs.numbers.map(n, size(inputs.text + inputs.text)).size()", context))
                .hasMessageContaining("builds more than " + Expressions.MAX_BUILT_CHARS + " characters");
    }

    @Test
    void comprehensions_stop_after_the_iteration_budget() {
        ExpressionContext context = withInputs(bigInputs());

        assertThatThrownBy(() -> expressions.evaluate(
                "inputs.numbers.map(a, inputs.numbers.map(b, a * b).size()).size()", context))
                .hasMessageContaining("more than " + Expressions.MAX_ITERATIONS + " comprehension steps");
    }

    @Test
    void a_result_nested_deeper_than_stored_json_may_be_is_refused() {
        String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 2) + "]".repeat(Json.MAX_NESTING_DEPTH + 2);

        assertThatThrownBy(() -> expressions.evaluate(deep, ExpressionContext.empty()))
                .hasMessageContaining("nests deeper than " + Json.MAX_NESTING_DEPTH);
    }

    @Test
    void an_overlong_expression_is_refused_before_compiling() {
        String expression = "1" + " + 1".repeat(Expressions.MAX_EXPRESSION_CHARS / 4);

        assertThat(expressions.check(expression)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("the limit is " + Expressions.MAX_EXPRESSION_CHARS));
        assertThat(expressions.compilations()).isZero();
    }
}
