package dev.agentplane.executions.engine;

/** A step attempt failed with a stable error code (for retry_on) and a message for people. */
public class StepFailure extends RuntimeException {
    private final String code;
    private final boolean retryable;

    public StepFailure(String code, String message, boolean retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
