package dev.agentplane.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Data to interpret into a schema. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InterpretRequest(
        Object data,
        Object schema,
        String context,
        Object options,
        Double confidenceThreshold,
        String strategy,
        String model,
        Boolean escalate) {

    public static InterpretRequest of(Object data, Object schema) {
        return new InterpretRequest(data, schema, null, null, null, null, null, null);
    }

    public InterpretRequest withContext(String context) {
        return new InterpretRequest(data, schema, context, options, confidenceThreshold, strategy, model, escalate);
    }

    /** {@code auto}, {@code heuristic} or {@code llm}. */
    public InterpretRequest withStrategy(String strategy) {
        return new InterpretRequest(data, schema, context, options, confidenceThreshold, strategy, model, escalate);
    }

    /** Opens an escalation when the result is not confident enough. */
    public InterpretRequest escalating() {
        return new InterpretRequest(data, schema, context, options, confidenceThreshold, strategy, model, true);
    }
}
