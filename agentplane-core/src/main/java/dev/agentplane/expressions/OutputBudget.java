package dev.agentplane.expressions;

/**
 * How much one rendered value may hold: every string character and object key character counts one, every
 * value one more. Spent across all expressions of one {@code render} call, so a template cannot multiply a
 * large input into an output the store would refuse anyway.
 */
final class OutputBudget {
    private long remaining;

    OutputBudget(long units) {
        this.remaining = units;
    }

    void spend(long units) {
        remaining -= units;
        if (remaining < 0) {
            throw new ExpressionFailure("the result is larger than " + Expressions.MAX_RESULT_CHARS
                    + " characters", "return less: select the fields you need, filter the list, or pass an id "
                    + "instead of the whole value");
        }
    }
}
