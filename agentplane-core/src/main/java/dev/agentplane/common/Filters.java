package dev.agentplane.common;

import dev.agentplane.common.problems.InvalidInputException;
import java.util.List;

/** Checks on query-parameter filters, reported against the parameter's name. */
public final class Filters {
    private Filters() {}

    public static void oneOf(String parameter, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw InvalidInputException.parameter(parameter, "'" + value + "' is not one of " + allowed,
                    "use one of " + allowed + ", or leave " + parameter + " out");
        }
    }

    public static void id(String parameter, String value) {
        if (value != null && !Ids.isValid(value)) {
            throw InvalidInputException.parameter(parameter, "'" + value + "' is not a UUID",
                    "pass the id exactly as the API returned it");
        }
    }
}
