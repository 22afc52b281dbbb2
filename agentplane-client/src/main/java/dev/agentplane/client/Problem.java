package dev.agentplane.client;

import java.util.List;

/**
 * An RFC 9457 problem the server answered with: {@code detail} says what to change, {@code errors} point at each bad
 * field ({@code pointer} into the body or the query {@code parameter}) with its {@code fix}. {@code currentStatus}
 * (409), {@code currentVersion} (412) and {@code limitBytes} (413) are set when the server sent them.
 */
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String requestId,
        List<FieldError> errors,
        String currentStatus,
        Long currentVersion,
        Long limitBytes) {

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** One bad field of a request. */
    public record FieldError(String pointer, String parameter, String detail, String fix) {}
}
