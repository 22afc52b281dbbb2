package dev.agentplane.handoffs;

/** Optional list filters; {@code workflow} matches the workflow name of the handoff's execution. */
public record HandoffFilter(String fromAgentId, String toAgentId, String status, String workflow, String capability) {
    public static final HandoffFilter NONE = new HandoffFilter(null, null, null, null, null);
}
