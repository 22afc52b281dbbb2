package dev.agentplane.executions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.executions.Usage;
import java.util.List;

/** What running a step came to; the engine turns it into the next state of the execution in one transaction. */
sealed interface Outcome {

    /** The step is done with this output; {@code usage} is what a model call in it used (null: none). */
    record Done(JsonNode output, Usage usage) implements Outcome {
        Done(JsonNode output) {
            this(output, null);
        }
    }

    /** The step's {@code when} condition was false. */
    record Skipped() implements Outcome {}

    /**
     * The attempt failed; retried if the error is retryable and the policy allows. {@code usage} is what a model call
     * in it used (null: none): a failed attempt's tokens and cost still count on the execution.
     */
    record Failed(String code, String message, boolean retryable, Usage usage) implements Outcome {
        Failed(String code, String message, boolean retryable) {
            this(code, message, retryable, null);
        }
    }

    /** Look at the step again at {@code wakeAt} (epoch millis), remembering {@code state} (a sleep). */
    record Later(long wakeAt, JsonNode state) implements Outcome {}

    /** Wait for something outside the engine to wake the run, or until {@code until} (epoch millis) at the latest. */
    record Wait(JsonNode state, long until) implements Outcome {}

    /** A container starts these blocks and waits for them. */
    record Blocks(List<BlockStart> blocks, JsonNode state) implements Outcome {}

    /** One block to start: its name among the step's blocks, and the scope its runs get. */
    record BlockStart(String block, String scope) {}
}
