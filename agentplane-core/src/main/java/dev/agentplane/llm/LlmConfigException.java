package dev.agentplane.llm;

/** The {@code models:}, {@code default_model:} or {@code prices:} configuration is wrong; the message names the key. */
public class LlmConfigException extends RuntimeException {
    public LlmConfigException(String message) {
        super(message);
    }
}
