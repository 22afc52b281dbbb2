package dev.agentplane.expressions;

import dev.agentplane.common.problems.FieldError;

/**
 * One problem with one expression. {@code pointer} is the JSON pointer of the string holding it within the checked
 * template ("" for a bare condition); {@code expression} its source (for a malformed template, the whole string);
 * {@code position} the 1-based character in that string where the problem is, 0 when unknown.
 */
public record ExpressionError(String pointer, String expression, int position, String detail, String fix) {

    /** For the definition validator: {@code base} is the pointer of the checked template in the definition. */
    public FieldError toFieldError(String base) {
        return FieldError.body(base + pointer, describe(), fix);
    }

    /** The problem, the expression and where in the string it is, without the pointer. */
    public String describe() {
        return "`" + expression + "`: " + detail + (position > 0 ? " (at character " + position + ")" : "");
    }

    /** One line naming everything: for logs, step errors and exceptions. */
    public String message() {
        return (pointer.isEmpty() ? "" : pointer + ": ") + describe() + "; fix: " + fix;
    }
}
