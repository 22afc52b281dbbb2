package dev.agentplane.teams.tools.mcp;

import io.modelcontextprotocol.spec.McpError;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Says in one line why something failed with a server: the SDK wraps the real reason a few causes deep. */
final class Failures {
    private static final int MAX_REASON_LENGTH = 1000;
    private static final int MAX_DEPTH = 20;

    private Failures() {}

    /** The distinct messages down the cause chain (a refused connection is often only a class name deep down). */
    static String reason(Throwable failure) {
        if (failure instanceof McpError error && error.getJsonRpcError() != null) {
            return "JSON-RPC error " + error.getJsonRpcError().code() + ": " + error.getJsonRpcError().message();
        }
        List<String> parts = new ArrayList<>();
        if (causedBy(failure, ConnectException.class)) {
            parts.add("cannot connect (is the server running at that address?)");
        }
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            String part = cause.getMessage() == null || cause.getMessage().isBlank()
                    ? cause.getClass().getSimpleName() : cause.getMessage();
            if (parts.stream().noneMatch(earlier -> earlier.contains(part))) {
                parts.add(part);
            }
        }
        String reason = String.join(": ", parts);
        return reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) + "…" : reason;
    }

    static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < MAX_DEPTH; cause = cause.getCause(), depth++) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
