package dev.agentplane.secrets;

import dev.agentplane.common.problems.FieldErrors;

/** The value to store under a secret's name. */
public record PutSecret(String value) {
    static final int MAX_VALUE_CHARS = 16_384;

    public void validate() {
        new FieldErrors().required("/value", value, "send the secret's value, e.g. {\"value\": \"sk-…\"}")
                .maxLength("/value", value, MAX_VALUE_CHARS).throwIfAny();
    }

    @Override
    public String toString() {
        return "PutSecret[value=<redacted>]";
    }
}
