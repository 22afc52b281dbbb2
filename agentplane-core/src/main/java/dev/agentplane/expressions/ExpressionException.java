package dev.agentplane.expressions;

/**
 * An expression that cannot be evaluated (or, from {@link Expressions#check}, compiled): the expression text, where
 * it sits, what went wrong and how to fix it. Secret values never appear in the message.
 */
public final class ExpressionException extends RuntimeException {
    private final transient ExpressionError error;

    ExpressionException(ExpressionError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public ExpressionError error() {
        return error;
    }

    public String expression() {
        return error.expression();
    }

    /** JSON pointer of the templated value within the rendered template; "" for a bare expression. */
    public String pointer() {
        return error.pointer();
    }

    /** 1-based character position within the string that holds the expression; 0 when unknown. */
    public int position() {
        return error.position();
    }

    public String detail() {
        return error.detail();
    }

    public String fix() {
        return error.fix();
    }
}
