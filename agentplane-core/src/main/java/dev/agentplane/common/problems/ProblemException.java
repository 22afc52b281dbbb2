package dev.agentplane.common.problems;

import java.util.List;
import java.util.Map;

/**
 * A failure the caller can fix, rendered as an RFC 9457 problem: {@code type} is a stable slug, {@code detail}
 * says what to change, {@code errors} point at each bad field and {@code extensions} add machine-readable facts.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String type, String title, String detail,
                            List<FieldError> errors, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.extensions = Map.copyOf(extensions);
    }

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of(), Map.of());
    }

    public int status() { return status; }
    public String type() { return type; }
    public String title() { return title; }
    public String detail() { return getMessage(); }
    public List<FieldError> errors() { return errors; }
    public Map<String, Object> extensions() { return extensions; }
}
