package dev.agentplane.common.problems;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Collects every invalid field of a request so the caller can fix them all in one round. */
public final class FieldErrors {
    private final List<FieldError> errors = new ArrayList<>();

    public FieldErrors add(String pointer, String detail, String fix) {
        errors.add(FieldError.body(pointer, detail, fix));
        return this;
    }

    public FieldErrors required(String pointer, Object value, String fix) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            add(pointer, "is required", fix);
        }
        return this;
    }

    public FieldErrors maxLength(String pointer, String value, int max) {
        if (value != null && value.length() > max) {
            add(pointer, "is " + value.length() + " characters long; the maximum is " + max, "shorten it to at most " + max + " characters");
        }
        return this;
    }

    public FieldErrors matches(String pointer, String value, Pattern pattern, String fix) {
        if (value != null && !value.isBlank() && !pattern.matcher(value).matches()) {
            add(pointer, "'" + value + "' does not match " + pattern.pattern(), fix);
        }
        return this;
    }

    public FieldErrors oneOf(String pointer, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(pointer, "'" + value + "' is not one of " + allowed, "use one of " + allowed);
        }
        return this;
    }

    public FieldErrors nonNegative(String pointer, Number value) {
        if (value != null && value.doubleValue() < 0) {
            add(pointer, "is negative", "pass zero or a positive number");
        }
        return this;
    }

    public FieldErrors atMost(String pointer, Number value, Number max, String fix) {
        if (value != null && value.doubleValue() > max.doubleValue()) {
            add(pointer, "exceeds the maximum of " + new BigDecimal(max.toString()).stripTrailingZeros().toPlainString(),
                    fix);
        }
        return this;
    }

    public FieldErrors id(String pointer, String value) {
        if (value != null && !dev.agentplane.common.Ids.isValid(value)) {
            add(pointer, "'" + value + "' is not a UUID", "pass the id exactly as the API returned it, e.g. 0193f5e2-7c1a-7b3e-9d2f-5a1b2c3d4e5f");
        }
        return this;
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
