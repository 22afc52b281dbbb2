package dev.agentplane.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExpressionConditionsTest {
    private final Expressions expressions = new Expressions();
    private final ExpressionContext context = SampleContext.context();

    @Test
    void conditions_read_inputs_and_step_outputs() {
        assertThat(expressions.test("inputs.amount > 1000 && steps.check.output.ok", context)).isTrue();
        assertThat(expressions.test("inputs.amount > 1000 && inputs.currency == 'USD'", context)).isFalse();
        assertThat(expressions.test("steps.fetch.status == 'failed' && steps.fetch.attempts >= 3", context)).isTrue();
        assertThat(expressions.test("steps.fetch.error.message.contains('time')", context)).isTrue();
        assertThat(expressions.test("inputs.lines.exists(l, l.price > 50)", context)).isTrue();
        assertThat(expressions.test("inputs.lines.all(l, l.qty > 1)", context)).isFalse();
    }

    @Test
    void integers_and_decimals_compare_as_numbers() {
        assertThat(expressions.test("inputs.amount == 1500.0", context)).isTrue();
        assertThat(expressions.test("steps.check.output.score > 0.8", context)).isTrue();
        assertThat(expressions.test("inputs.lines[0].price < inputs.lines[1].qty", context)).isFalse();
    }

    @Test
    void conditions_inside_a_foreach_read_item_and_index() {
        ExpressionContext inLoop = SampleContext.inForeach("{\"sku\": \"b-2\", \"qty\": 1}", 1);

        assertThat(expressions.test("item.sku.startsWith('b-') && index == 1", inLoop)).isTrue();
        assertThat(expressions.test("index == 0", inLoop)).isFalse();
    }

    @Test
    void a_condition_may_be_wrapped_in_template_braces_out_of_habit() {
        assertThat(expressions.test("${{ inputs.amount > 1000 }}", context)).isTrue();
        assertThat(expressions.test("  ${{ !inputs.rush }}  ", context)).isTrue();
    }

    @Test
    void missing_keys_can_be_tested_with_has_or_defaulted_with_optionals() {
        assertThat(expressions.test("has(inputs.discount)", context)).isFalse();
        assertThat(expressions.test("has(inputs.customer.email)", context)).isTrue();
        assertThat(expressions.test("inputs.?discount.orValue(0) == 0", context)).isTrue();
        assertThat(expressions.test("inputs.note == null", context)).isTrue();
    }

    @Test
    void a_condition_that_is_not_a_bool_fails_with_what_it_returned() {
        assertThatThrownBy(() -> expressions.test("inputs.currency", context))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("`inputs.currency`")
                .hasMessageContaining("returned 'EUR', not true or false")
                .hasMessageContaining("compare explicitly");
    }

    @Test
    void item_outside_a_foreach_is_reported_as_not_set() {
        assertThatThrownBy(() -> expressions.test("item.qty > 1", context))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("depends on item, which is not set here")
                .hasMessageContaining("only inside a foreach step");
    }

    @Test
    void an_unset_variable_that_the_result_does_not_need_is_fine() {
        assertThat(expressions.test("inputs.amount > 0 || item.qty > 1", context)).isTrue();
    }

    @Test
    void empty_and_mixed_conditions_are_refused() {
        assertThatThrownBy(() -> expressions.test("  ", context)).hasMessageContaining("is empty");
        assertThatThrownBy(() -> expressions.test("amount ${{ inputs.amount }} > 1", context))
                .hasMessageContaining("mixes text and ${{ }}");
    }
}
