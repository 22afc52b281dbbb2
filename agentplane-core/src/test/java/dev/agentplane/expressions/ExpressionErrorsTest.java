package dev.agentplane.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentplane.common.Json;
import dev.agentplane.common.problems.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionErrorsTest {
    private final Expressions expressions = new Expressions();
    private final ExpressionContext context = SampleContext.context();

    @Test
    void a_missing_key_names_the_expression_the_key_the_place_and_a_fix() {
        ExpressionException e = catchThrowableOfType(ExpressionException.class, () -> expressions.render(
                Json.parse("{\"with\": {\"url\": \"https://x/${{ steps.check.output.invoice_id }}\"}}"), context));

        assertThat(e.pointer()).isEqualTo("/with/url");
        assertThat(e.expression()).isEqualTo("steps.check.output.invoice_id");
        assertThat(e.detail()).isEqualTo("key 'invoice_id' is not present in map");
        assertThat(e.position()).isEqualTo("https://x/${{ steps.check.output".length() + 1);
        assertThat(e.fix()).contains("has(x.key)").contains(".?key.orValue(default)");
        assertThat(e.getMessage()).isEqualTo("/with/url: `steps.check.output.invoice_id`: key 'invoice_id' is not "
                + "present in map (at character 33); fix: " + e.fix());
    }

    @Test
    void a_missing_step_is_a_missing_key_of_steps() {
        assertThatThrownBy(() -> expressions.evaluate("steps.charge.output.id", context))
                .hasMessageContaining("key 'charge' is not present in map");
    }

    @Test
    void runtime_errors_are_explained() {
        assertThatThrownBy(() -> expressions.evaluate("inputs.lines[5]", context))
                .hasMessageContaining("Index out of bounds: 5").hasMessageContaining("size(list) > 2");
        assertThatThrownBy(() -> expressions.evaluate("inputs.amount / (inputs.lines.size() - 2)", context))
                .hasMessageContaining("/ by zero").hasMessageContaining("guard the divisor");
        assertThatThrownBy(() -> expressions.evaluate("inputs.customer.name + inputs.amount", context))
                .hasMessageContaining("'+' cannot take values of these types").hasMessageContaining("string()");
        assertThatThrownBy(() -> expressions.evaluate("int(inputs.currency)", context))
                .hasMessageContaining("cannot convert");
        assertThatThrownBy(() -> expressions.evaluate("1.0 / 0.0", context))
                .hasMessageContaining("Infinity, which JSON cannot hold");
    }

    @Test
    void check_reports_syntax_errors_with_the_pointer_and_position_of_each_string() {
        List<ExpressionError> errors = expressions.check(Json.parse("""
                {"steps": [{"id": "a", "with": {"url": "https://x/${{ inputs.id + }}", "ok": "${{ inputs.id }}"}},
                           {"id": "b", "with": {"list": [1, "${{ inputs.a ) }}"], "a/b": "${{ 'open }}"}}]}"""));

        assertThat(errors).extracting(ExpressionError::pointer)
                .containsExactly("/steps/0/with/url", "/steps/1/with/list/1", "/steps/1/with/a~1b");
        assertThat(errors.getFirst().detail()).isEqualTo("syntax error: unexpected end of the expression");
        assertThat(errors.getFirst().expression()).isEqualTo("inputs.id +");
        assertThat(errors.getFirst().position()).isEqualTo("https://x/${{ inputs.id +".length() + 1);
        assertThat(errors.get(2).detail()).isEqualTo("'${{' is never closed with '}}'");
        assertThat(errors.get(2).position()).isEqualTo(1);
    }

    @Test
    void check_reports_unknown_variables_and_functions() {
        List<ExpressionError> errors = expressions.check(Json.parse("""
                {"a": "${{ input.amount }}", "b": "${{ inputs.name.shout() }}", "c": "${{ secrets.x }}",
                 "d": "${{ 'abc'.contains(1) }}"}"""));

        assertThat(errors).hasSize(3);
        assertThat(errors.get(2).detail()).isEqualTo("'contains' cannot take string.(int)");
        assertThat(errors.get(0).detail()).isEqualTo("unknown name 'input'");
        assertThat(errors.get(0).fix()).contains("inputs, steps, item, index, execution, secrets");
        assertThat(errors.get(1).pointer()).isEqualTo("/b");
        assertThat(errors.get(1).detail()).contains("shout");
    }

    @Test
    void check_of_a_condition_refuses_results_that_cannot_be_a_bool() {
        assertThat(expressions.check("inputs.amount > 1000")).isEmpty();
        assertThat(expressions.check("${{ steps.check.output.ok }}")).isEmpty();
        assertThat(expressions.check("inputs.lines.size() > 1 && inputs.rush")).isEmpty();
        assertThat(expressions.check("'yes'")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("is a condition but returns string, not bool"));
        assertThat(expressions.check("inputs.amount + 1")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("is a condition but returns int, not bool"));
        assertThat(expressions.check("inputs.amount >")).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("syntax error"));
        assertThat(expressions.check("")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("is empty"));
    }

    @Test
    void check_of_an_expression_of_any_type_reports_only_syntax_and_names() {
        assertThat(expressions.checkExpression("inputs.kind.lowerAscii()")).isEmpty();
        assertThat(expressions.checkExpression("'refund'")).isEmpty();
        assertThat(expressions.checkExpression("kind")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("unknown name 'kind'"));
    }

    @Test
    void errors_become_field_errors_under_the_definition_pointer() {
        ExpressionError error = expressions.check(Json.parse("{\"url\": \"${{ nope }}\"}")).getFirst();

        FieldError field = error.toFieldError("/steps/2/with");

        assertThat(field.pointer()).isEqualTo("/steps/2/with/url");
        assertThat(field.detail()).isEqualTo("`nope`: unknown name 'nope' (at character 5)");
        assertThat(field.fix()).isEqualTo(error.fix());
    }
}
