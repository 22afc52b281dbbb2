package dev.agentplane.expressions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A rendered template. {@code value} is what the step receives. {@code redacted} is what may be stored or sent in
 * events: the same, except that wherever an expression read {@code secrets}, its result is
 * {@link dev.agentplane.audit.Redactor#REDACTED} (inside interpolated text only that expression's part is), so a
 * secret stays hidden even after base64 or other transformations. {@code usedSecrets} tells whether they differ.
 */
public record Rendered(JsonNode value, JsonNode redacted, boolean usedSecrets) {}
