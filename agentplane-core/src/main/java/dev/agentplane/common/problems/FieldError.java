package dev.agentplane.common.problems;

/**
 * One invalid input: {@code pointer} is a JSON pointer into the request body, {@code parameter} names a query,
 * path or header parameter; exactly one of them is set.
 */
public record FieldError(String pointer, String parameter, String detail, String fix) {
    public static FieldError body(String pointer, String detail, String fix) {
        return new FieldError(pointer, null, detail, fix);
    }

    public static FieldError parameter(String name, String detail, String fix) {
        return new FieldError(null, name, detail, fix);
    }
}
