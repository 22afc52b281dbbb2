package dev.agentplane.common;

import java.util.List;
import java.util.function.Function;

/** One page of a list and the opaque cursor of the next page (null on the last page). */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only tells that more exist,
     * and the cursor points after the last row returned.
     */
    public static <T> Page<T> of(List<T> rowsPlusOne, int limit, Function<T, String> sortKey) {
        if (rowsPlusOne.size() <= limit) {
            return new Page<>(rowsPlusOne, null);
        }
        List<T> items = rowsPlusOne.subList(0, limit);
        return new Page<>(List.copyOf(items), Cursor.encode(sortKey.apply(items.get(limit - 1))));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
