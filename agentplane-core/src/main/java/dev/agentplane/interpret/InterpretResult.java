package dev.agentplane.interpret;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The answer of interpret: the fields found ({@code data}), each field's confidence by dotted path (0 for a field
 * not found), what is missing, whether a human should look, and what a model cost when one was asked.
 */
public record InterpretResult(boolean success, ObjectNode data, Map<String, Double> confidence, double overallConfidence,
                              List<String> missingFields, List<String> notes, boolean shouldEscalate,
                              String escalationReason, String strategyUsed, String modelUsed, Tokens tokens,
                              BigDecimal costEstimate, String escalationId) {

    /** Tokens a model call used; zero for the heuristics. */
    public record Tokens(long input, long output, long total) {
        public static final Tokens NONE = new Tokens(0, 0, 0);

        public Tokens plus(Tokens other) {
            return new Tokens(input + other.input, output + other.output, total + other.total);
        }
    }

    public InterpretResult withEscalation(String id) {
        return new InterpretResult(success, data, confidence, overallConfidence, missingFields, notes, shouldEscalate,
                escalationReason, strategyUsed, modelUsed, tokens, costEstimate, id);
    }
}
