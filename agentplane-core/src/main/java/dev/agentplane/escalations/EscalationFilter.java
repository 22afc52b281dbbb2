package dev.agentplane.escalations;

public record EscalationFilter(String status, String priority, String assignedTo) {
    public static final EscalationFilter NONE = new EscalationFilter(null, null, null);
}
