package dev.agentplane.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.audit.Redactor;
import dev.agentplane.common.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionSecretsTest {
    private static final String TOKEN = SampleContext.TOKEN;
    private final Expressions expressions = new Expressions();
    private final ExpressionContext context = SampleContext.context();

    @Test
    void rendering_with_a_secret_gives_the_step_the_value_and_the_store_a_redacted_twin() {
        Rendered rendered = expressions.render(Json.parse("""
                {"headers": {"Authorization": "Bearer ${{ secrets.api_token }}", "X-Customer": "${{ inputs.customer.name }}"},
                 "token": "${{ secrets.api_token }}", "basic": "${{ base64.encode(bytes('u:' + secrets.api_token)) }}",
                 "plain": ["${{ inputs.amount }}"]}"""), context);

        assertThat(rendered.usedSecrets()).isTrue();
        assertThat(rendered.value().at("/headers/Authorization").asText()).isEqualTo("Bearer " + TOKEN);
        assertThat(rendered.redacted()).isEqualTo(Json.parse("""
                {"headers": {"Authorization": "Bearer [REDACTED]", "X-Customer": "Ada"},
                 "token": "[REDACTED]", "basic": "[REDACTED]", "plain": [1500]}"""));
        assertThat(rendered.redacted().toString()).doesNotContain(TOKEN);
    }

    @Test
    void rendering_without_secrets_stores_the_value_itself() {
        Rendered rendered = expressions.render(Json.parse("{\"a\": \"${{ inputs.amount }}\"}"), context);

        assertThat(rendered.usedSecrets()).isFalse();
        assertThat(rendered.redacted()).isSameAs(rendered.value());
    }

    @Test
    void error_messages_never_show_a_secret_value() {
        assertThatThrownBy(() -> expressions.evaluate("int(secrets.api_token)", context))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining(Redactor.REDACTED)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
        assertThatThrownBy(() -> expressions.test("secrets.api_token", context))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void the_redactor_replaces_every_occurrence_in_strings_and_keys_at_any_depth() {
        SecretRedactor redactor = SecretRedactor.of(Map.of("a", TOKEN, "b", "hunter22", "short", "abc"));
        JsonNode output = Json.parse("""
                {"echo": "sent tok-8f2b9c41d7 and hunter22, twice: tok-8f2b9c41d7", "n": 1, "abc": "abc",
                 "list": [{"tok-8f2b9c41d7": true}, "clean", null]}""");

        JsonNode redacted = redactor.redact(output);

        assertThat(redacted).isEqualTo(Json.parse("""
                {"echo": "sent [REDACTED] and [REDACTED], twice: [REDACTED]", "n": 1, "abc": "abc",
                 "list": [{"[REDACTED]": true}, "clean", null]}"""));
        assertThat(output.get("echo").asText()).contains(TOKEN);
    }

    @Test
    void the_redactor_prefers_the_longest_secret_and_returns_clean_values_unchanged() {
        SecretRedactor redactor = SecretRedactor.of(List.of("pass", "password123"));
        JsonNode clean = Json.parse("{\"a\": [\"nothing here\"]}");

        assertThat(redactor.redact("my password123 and pass")).isEqualTo("my [REDACTED] and [REDACTED]");
        assertThat(redactor.redact(clean)).isSameAs(clean);
        assertThat(SecretRedactor.of(List.of("abc")).isEmpty()).isTrue();
        assertThat(context.redactor().redact("x" + TOKEN)).isEqualTo("x" + Redactor.REDACTED);
    }

    @Test
    void the_redactor_agrees_with_the_audit_redactor_on_the_marker() {
        JsonNode byName = Redactor.redact(Json.parse("{\"password\": \"hunter22\"}"));
        JsonNode byValue = SecretRedactor.of(List.of("hunter22")).redact(Json.parse("{\"pw\": \"hunter22\"}"));

        assertThat(byName.get("password").asText()).isEqualTo(byValue.get("pw").asText());
    }
}
