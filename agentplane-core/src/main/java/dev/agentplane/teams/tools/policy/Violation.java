package dev.agentplane.teams.tools.policy;

/** A resource change that breaks a rule: which rule, how bad, which resource, and what is wrong. */
public record Violation(String rule, String severity, String address, String message) {
    String describe() {
        return "[" + severity + "] " + rule + " " + address + ": " + message;
    }
}
