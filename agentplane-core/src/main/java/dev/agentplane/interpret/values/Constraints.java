package dev.agentplane.interpret.values;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.interpret.schema.FieldSpec;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks a normalized value against the schema's limits; the answer says what is wrong. */
public final class Constraints {
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
        try {
            return Pattern.compile(pattern).matcher(text).find();
        } catch (PatternSyntaxException e) {
            return true; // reported when the schema is read
        }
    }
}
