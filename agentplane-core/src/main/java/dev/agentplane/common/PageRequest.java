package dev.agentplane.common;

import dev.agentplane.common.problems.InvalidInputException;

/** A page size and the decoded sort key to continue after (null for the first page). */
public record PageRequest(int limit, String after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidInputException.parameter("limit", "must be between 1 and " + MAX_LIMIT,
                    "use a limit from 1 to " + MAX_LIMIT + " and follow next_cursor for more");
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    /** The number of rows to fetch: one more than the page, to know whether another page exists. */
    public int fetchSize() {
        return limit + 1;
    }
}
