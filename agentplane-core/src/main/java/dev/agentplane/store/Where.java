package dev.agentplane.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds the WHERE clause of a filtered list from the filters the caller actually gave. */
public final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** Adds {@code condition} with its parameters; a condition whose first parameter is null is skipped. */
    public Where and(String condition, Object... values) {
        if (values.length > 0 && values[0] == null) {
            return this;
        }
        conditions.add(condition);
        params.addAll(Arrays.asList(values));
        return this;
    }

    public String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    public Object[] params(Object... trailing) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(Arrays.asList(trailing));
        return all.toArray();
    }
}
