package dev.agentplane.expressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import org.junit.jupiter.api.Test;

class ExpressionRenderTest {
    private final Expressions expressions = new Expressions();
    private final ExpressionContext context = SampleContext.context();

    private JsonNode render(String templateJson) {
        return expressions.render(Json.parse(templateJson), context).value();
    }

    @Test
    void a_string_that_is_one_expression_keeps_the_type_of_its_value() {
        assertThat(render("\"${{ inputs.amount }}\"")).isEqualTo(Json.parse("1500"));
        assertThat(render("\"  ${{ inputs.amount * 2 > 1000 }} \"")).isEqualTo(Json.parse("true"));
        assertThat(render("\"${{ inputs.lines.map(l, l.sku) }}\"")).isEqualTo(Json.parse("[\"a-1\", \"b-2\"]"));
        assertThat(render("\"${{ inputs.customer }}\"")).isEqualTo(Json.parse("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}"));
        assertThat(render("\"${{ inputs.note }}\"")).isEqualTo(Json.parse("null"));
        assertThat(render("\"${{ steps.check.output.score }}\"")).isEqualTo(Json.parse("0.82"));
        assertThat(render("\"${{ {'total': inputs.amount, 'ok': true} }}\"")).isEqualTo(Json.parse("{\"total\":1500,\"ok\":true}"));
    }

    @Test
    void several_expressions_in_one_string_are_written_into_the_text() {
        assertThat(render("\"${{ inputs.customer.name }} owes ${{ inputs.amount }} ${{ inputs.currency }}\""))
                .isEqualTo(Json.parse("\"Ada owes 1500 EUR\""));
        assertThat(render("\"https://api.example.com/v1/${{ execution.workflow }}/${{ execution.version }}?rush=${{ inputs.rush }}\""))
                .isEqualTo(Json.parse("\"https://api.example.com/v1/invoice/4?rush=false\""));
    }

    @Test
    void in_text_null_is_empty_and_lists_and_maps_are_compact_json() {
        assertThat(render("\"note=[${{ inputs.note }}]\"")).isEqualTo(Json.parse("\"note=[]\""));
        assertThat(render("\"skus=${{ inputs.lines.map(l, l.sku) }}\"")).isEqualTo(Json.parse("\"skus=[\\\"a-1\\\",\\\"b-2\\\"]\""));
        assertThat(render("\"c=${{ inputs.customer }}\""))
                .isEqualTo(Json.parse("\"c={\\\"name\\\":\\\"Ada\\\",\\\"email\\\":\\\"ada@example.com\\\"}\""));
        assertThat(render("\"score ${{ steps.check.output.score }}\"")).isEqualTo(Json.parse("\"score 0.82\""));
    }

    @Test
    void objects_and_arrays_are_rendered_recursively_and_keys_stay_as_written() {
        JsonNode rendered = render("""
                {"url": "https://x/${{ inputs.customer.name }}", "${{ inputs.currency }}": "${{ inputs.currency }}",
                 "body": {"items": ["${{ inputs.lines[0] }}", {"n": "${{ size(inputs.lines) }}"}, 7, null, true]},
                 "plain": "no expressions here"}""");

        assertThat(rendered).isEqualTo(Json.parse("""
                {"url": "https://x/Ada", "${{ inputs.currency }}": "EUR",
                 "body": {"items": [{"sku": "a-1", "qty": 2, "price": 9.5}, {"n": 2}, 7, null, true]},
                 "plain": "no expressions here"}"""));
    }

    @Test
    void rendering_leaves_the_template_and_the_context_untouched() {
        JsonNode template = Json.parse("{\"c\": \"${{ inputs.customer }}\"}");
        String before = template.toString();

        JsonNode rendered = expressions.render(template, context).value();
        ((com.fasterxml.jackson.databind.node.ObjectNode) rendered.get("c")).put("name", "Changed");

        assertThat(template.toString()).isEqualTo(before);
        assertThat(context.inputs().get("customer").get("name").asText()).isEqualTo("Ada");
    }

    @Test
    void braces_inside_map_literals_and_strings_do_not_end_an_expression() {
        assertThat(render("\"${{ {'a': {'b': 1}} }}\"")).isEqualTo(Json.parse("{\"a\":{\"b\":1}}"));
        assertThat(render("\"x${{ '}}' }}y\"")).isEqualTo(Json.parse("\"x}}y\""));
        assertThat(render("\"${{ '${{' }} literally\"")).isEqualTo(Json.parse("\"${{ literally\""));
    }

    @Test
    void cel_only_values_become_json_text() {
        assertThat(render("\"${{ timestamp(execution.started_at) + duration('90m') }}\""))
                .isEqualTo(Json.parse("\"2025-03-01T11:00:00Z\""));
        assertThat(render("\"${{ duration('1.5s') }}\"")).isEqualTo(Json.parse("\"1.5s\""));
        assertThat(render("\"${{ b'hi' }}\"")).isEqualTo(Json.parse("\"aGk=\""));
        assertThat(render("\"${{ 18446744073709551615u }}\"")).isEqualTo(Json.parse("18446744073709551615"));
        assertThat(render("\"${{ {1: 'one'} }}\"")).isEqualTo(Json.parse("{\"1\": \"one\"}"));
        assertThat(render("\"${{ type(inputs.lines) }}\"")).isEqualTo(Json.parse("\"list\""));
    }

    @Test
    void strings_without_expressions_and_scalars_come_back_unchanged() {
        assertThat(render("[\"a $ {{ b }}\", 1.25, false, null]")).isEqualTo(Json.parse("[\"a $ {{ b }}\", 1.25, false, null]"));
        assertThat(expressions.render(null, context).value().isNull()).isTrue();
    }

    @Test
    void evaluate_returns_typed_json() {
        assertThat(expressions.evaluate("inputs.lines.filter(l, l.qty > 1).size()", context)).isEqualTo(Json.parse("1"));
        assertThat(expressions.evaluate("inputs.customer.name.upperAscii() + '!'", context)).isEqualTo(Json.parse("\"ADA!\""));
        assertThat(expressions.evaluate("${{ 'a,b'.split(',') }}", context)).isEqualTo(Json.parse("[\"a\",\"b\"]"));
        assertThat(expressions.evaluate("math.greatest(3, 9, 4)", context)).isEqualTo(Json.parse("9"));
        assertThat(expressions.evaluate("base64.encode(b'user:pw')", context)).isEqualTo(Json.parse("\"dXNlcjpwdw==\""));
    }
}
