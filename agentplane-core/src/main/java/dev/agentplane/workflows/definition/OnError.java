package dev.agentplane.workflows.definition;

/** What happens when a step fails for good: the failure propagates, is recorded and skipped, or jumps to a step. */
public record OnError(Action action, String gotoStep) {
    public enum Action { FAIL, CONTINUE, GOTO }

    public static final OnError FAIL = new OnError(Action.FAIL, null);
    public static final OnError CONTINUE = new OnError(Action.CONTINUE, null);

    public static OnError goTo(String stepId) {
        return new OnError(Action.GOTO, stepId);
    }
}
