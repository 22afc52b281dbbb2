package dev.agentplane.expressions;

/**
 * A problem found inside the expression layer before it knows where the expression sits in a template;
 * {@link Expressions} turns it into an {@link ExpressionException} with the expression text and pointer.
 * {@code offset} is 0-based within the expression source, or -1 when unknown.
 */
final class ExpressionFailure extends RuntimeException {
    private final int offset;
    private final String detail;
    private final String fix;

    ExpressionFailure(int offset, String detail, String fix) {
        super(detail, null, false, false);
        this.offset = offset;
        this.detail = detail;
        this.fix = fix;
    }

    ExpressionFailure(String detail, String fix) {
        this(-1, detail, fix);
    }

    int offset() {
        return offset;
    }

    String detail() {
        return detail;
    }

    String fix() {
        return fix;
    }
}
