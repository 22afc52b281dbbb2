package dev.agentplane.teams.tools.policy;

import dev.cel.runtime.CelRuntime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One rule: a CEL {@code condition} over one resource change that is true when the change violates it, and an
 * optional CEL {@code message} (a string) saying how; without one, the description is the message. Both are
 * compiled when the rule is made, so a rule that exists is a rule that runs.
 */
public record PolicyRule(String id, String description, String severity, String condition, Optional<String> message,
                         CelRuntime.Program conditionProgram, Optional<CelRuntime.Program> messageProgram) {
    public static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /**
     * Checks and compiles a rule; {@link IllegalArgumentException} names what is wrong (the caller adds where).
     */
    public static PolicyRule of(String id, String description, String severity, String condition,
                                Optional<String> message) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be lowercase letters, digits, '-' and '_' (at most 64)");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("description must not be empty");
        }
        if (!SEVERITIES.contains(severity)) {
            throw new IllegalArgumentException("severity must be one of " + String.join(", ", SEVERITIES));
        }
        if (condition == null || condition.isBlank()) {
            throw new IllegalArgumentException("condition must be a CEL expression");
        }
        CelRuntime.Program program;
        try {
            program = PolicyCel.get().compile(condition, true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("condition is not valid CEL: " + e.getMessage());
        }
        Optional<CelRuntime.Program> messageProgram;
        try {
            messageProgram = message.map(m -> PolicyCel.get().compile(m, false));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("message is not valid CEL: " + e.getMessage());
        }
        return new PolicyRule(id, description, severity, condition, message, program, messageProgram);
    }

    int rank() {
        return SEVERITIES.indexOf(severity);
    }
}
