package dev.agentplane.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.server.http.OpenApiContract;
import dev.agentplane.server.testing.Api;
import dev.agentplane.server.testing.ApiTest;
import dev.agentplane.server.testing.ContractCoverage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml and the server agree both ways (an undocumented route already stops the server from starting),
 * and, run after every other API test class, every documented operation was exercised with a success (a 2xx, or
 * 101 for a WebSocket).
 */
@Order(Integer.MAX_VALUE)
class ContractTest {

    @ApiTest
    void every_documented_operation_has_a_route(Api api) {
        List<String> documented = OpenApiContract.load().operations().stream()
                .map(op -> op.method() + " " + op.path()).sorted().toList();

        assertThat(new TreeSet<>(api.server().routes())).containsExactlyElementsOf(documented);
    }

    @Test
    void every_documented_operation_was_tested_with_a_success() {
        Map<String, Set<Integer>> tested = ContractCoverage.statuses();
        List<String> untested = OpenApiContract.load().operations().stream()
                .map(OpenApiContract.Operation::operationId)
                .filter(id -> tested.getOrDefault(id, Set.of()).stream().noneMatch(ContractTest::success))
                .sorted().toList();

        assertThat(untested).as("operations no API test exercised with a 2xx (run the whole suite)").isEmpty();
    }

    /** A 2xx, or 101 Switching Protocols: the success of a WebSocket handshake. */
    private static boolean success(int status) {
        return status == 101 || (status >= 200 && status < 300);
    }
}
