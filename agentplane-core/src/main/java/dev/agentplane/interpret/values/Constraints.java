package dev.agentplane.interpret.values;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.interpret.schema.FieldSpec;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks a normalized value against the schema's limits; the answer says what is wrong. */
public final class Constraints {
    private static final java.util.Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    private Constraints() {}

    public static Optional<String> violation(FieldSpec field, JsonNode value) {
        if (value.isArray()) {
            for (JsonNode item : value) {
                Optional<String> wrong = violation(field.items(), item);
                if (wrong.isPresent()) {
                    return wrong;
                }
            }
            return Optional.empty();
        }
        JsonNode number = value.isObject() ? value.path("amount") : value;
        if (number.isNumber() && field.minimum() != null && number.asDouble() < field.minimum()) {
            return Optional.of("is below the minimum " + field.minimum());
        }
        if (number.isNumber() && field.maximum() != null && number.asDouble() > field.maximum()) {
            return Optional.of("is above the maximum " + field.maximum());
        }
        if (value.isNumber() && !field.enumValues().isEmpty()
                && field.enumValues().stream().noneMatch(allowed -> sameNumber(allowed, value))) {
            return Optional.of("is not one of " + field.enumValues());
        }
        if (value.isTextual()) {
            String text = value.asText();
            if (field.minLength() != null && text.length() < field.minLength()) {
                return Optional.of("is shorter than " + field.minLength() + " characters");
            }
            if (field.maxLength() != null && text.length() > field.maxLength()) {
                return Optional.of("is longer than " + field.maxLength() + " characters");
            }
            if (field.pattern() != null && !matches(field.pattern(), text)) {
                return Optional.of("does not match the pattern " + field.pattern());
            }
            if (!field.enumValues().isEmpty() && !field.enumValues().contains(text)) {
                return Optional.of("is not one of " + field.enumValues());
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String pattern, String text) {
        Pattern compiled = PATTERNS.get(pattern);
        if (compiled == null) {
            try {
                compiled = Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                return true; // reported when the schema is read
            }
            if (PATTERNS.size() > 1_000) {
                PATTERNS.clear(); // bounds the memory a stream of different schemas could take
            }
            PATTERNS.put(pattern, compiled);
        }
        return compiled.matcher(text).find();
    }

    private static boolean sameNumber(String allowed, JsonNode value) {
        try {
            return new java.math.BigDecimal(allowed).compareTo(value.decimalValue()) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
