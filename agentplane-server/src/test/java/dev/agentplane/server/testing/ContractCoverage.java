package dev.agentplane.server.testing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which documented operations the API tests exercised, and with which statuses. */
public final class ContractCoverage {
    private static final Map<String, Set<Integer>> STATUSES = new ConcurrentHashMap<>();

    private ContractCoverage() {}

    static void record(String operationId, int status) {
        STATUSES.computeIfAbsent(operationId, id -> ConcurrentHashMap.newKeySet()).add(status);
    }

    public static Map<String, Set<Integer>> statuses() {
        return Map.copyOf(STATUSES);
    }
}
