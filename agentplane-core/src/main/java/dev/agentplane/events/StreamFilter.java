package dev.agentplane.events;

import dev.agentplane.common.Filters;
import dev.agentplane.common.problems.InvalidInputException;

/** Which events of an organization a stream delivers; null fields match everything. */
public record StreamFilter(String workflow, String executionId, String typePrefix) {
    public static final StreamFilter ALL = new StreamFilter(null, null, null);

    /** Checks the filter as query parameters {@code workflow}, {@code execution_id} and {@code type}. */
    public StreamFilter {
        Filters.id("execution_id", executionId);
        if (typePrefix != null && (typePrefix.length() > 100 || !typePrefix.chars().allMatch(StreamFilter::typeChar))) {
            throw InvalidInputException.parameter("type", "'" + typePrefix + "' cannot begin an event type",
                    "use the start of an event type, e.g. 'step.' or 'execution.completed': lower-case letters, digits, "
                            + "'.', '_' and '-'");
        }
    }

    private static boolean typeChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    }
}
