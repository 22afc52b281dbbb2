package dev.agentplane.teams.tools.support;

/**
 * A tool call the model got wrong (a missing or mistyped argument, an argument the operation does not take). Tools
 * catch it and answer with {@code ToolResult.error(getMessage())}, so the message names the argument and the fix.
 */
public final class ToolArgumentException extends RuntimeException {
    public ToolArgumentException(String message) {
        super(message);
    }
}
