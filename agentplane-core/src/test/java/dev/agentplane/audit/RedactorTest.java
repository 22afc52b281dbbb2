package dev.agentplane.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void redacts_secret_named_strings_and_api_keys_at_any_depth_but_keeps_counts() {
        JsonNode input = Json.parse("""
                {"name": "ci", "password": "hunter2", "tokens_in": 120, "pin_password": 1234,
                 "credentials": {"user": "u", "pass": "p"}, "token": ["ghp_1", "ghp_2"],
                 "env": {"GITHUB_TOKEN": "ghp_x", "PATH": "/bin"},
                 "notes": ["uses ap_0123456789abcdef0123456789abcdef_abcdefghijklmnopqrstuvwxyz0123"]}""");

        JsonNode redacted = Redactor.redact(input);

        assertThat(redacted.get("password").asText()).isEqualTo(Redactor.REDACTED);
        assertThat(redacted.get("env").get("GITHUB_TOKEN").asText()).isEqualTo(Redactor.REDACTED);
        assertThat(redacted.get("env").get("PATH").asText()).isEqualTo("/bin");
        assertThat(redacted.get("tokens_in").asInt()).isEqualTo(120);
        assertThat(redacted.get("pin_password").asText()).isEqualTo(Redactor.REDACTED);
        assertThat(redacted.get("credentials").asText()).isEqualTo(Redactor.REDACTED);
        assertThat(redacted.get("token").asText()).isEqualTo(Redactor.REDACTED);
        assertThat(redacted.get("notes").get(0).asText()).isEqualTo(Redactor.REDACTED);
        assertThat(input.get("password").asText()).isEqualTo("hunter2");
    }

    @Test
    void large_values_are_summarized_by_size_in_audit_details() {
        JsonNode details = Json.object().put("name", "x").put("context", "y".repeat(AuditLog.MAX_VALUE_CHARS + 10));

        JsonNode compact = AuditLog.compact(details);

        assertThat(compact.get("name").asText()).isEqualTo("x");
        assertThat(compact.get("context").get("omitted_chars").asInt()).isEqualTo(AuditLog.MAX_VALUE_CHARS + 12);
    }

    @Test
    void free_text_loses_only_what_looks_like_an_api_key() {
        String key = "ap_0123456789abcdef0123456789abcdef_abcdefghijklmnopqrstuvwxyz0123";

        assertThat(Redactor.redactText("retried with " + key + " twice")).isEqualTo("retried with [REDACTED] twice");
        assertThat(Redactor.redactText("password reset mail sent")).isEqualTo("password reset mail sent");
        assertThat(Redactor.redactText(null)).isNull();
    }
}
