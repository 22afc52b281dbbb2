package dev.agentplane.common.yaml;

/**
 * The text cannot be read into a tree at all: it is empty, not well-formed, or holds a second document.
 * {@code pointer} is the innermost member being read when it failed, {@code line} where (0 when unknown);
 * {@code detail} already says the line and column for a syntax error.
 */
public final class YamlSyntaxException extends RuntimeException {
    private final String pointer;
    private final int line;
    private final String detail;
    private final String fix;

    YamlSyntaxException(String pointer, int line, String detail, String fix) {
        super(pointer + " " + detail + ": " + fix);
        this.pointer = pointer;
        this.line = line;
        this.detail = detail;
        this.fix = fix;
    }

    public String pointer() {
        return pointer;
    }

    public int line() {
        return line;
    }

    public String detail() {
        return detail;
    }

    public String fix() {
        return fix;
    }
}
