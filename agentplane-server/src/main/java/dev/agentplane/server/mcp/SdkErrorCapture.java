package dev.agentplane.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.problems.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Catches the HTTP errors the SDK's transport writes itself (its exception serialized as JSON, stack trace
 * included, or a bare {@code sendError}) so that {@link McpEndpoint} answers them as every route does: an RFC 9457
 * problem saying what to change. Successful answers (JSON, SSE, 202) pass straight through.
 */
final class SdkErrorCapture extends HttpServletResponseWrapper {
    private int status = HttpServletResponse.SC_OK;
    private StringWriter body;
    private String sentMessage;

    SdkErrorCapture(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void setStatus(int status) {
        this.status = status;
        if (status < 400) {
            super.setStatus(status);
        }
    }

    @Override
    public void sendError(int status) {
        this.status = status;
    }

    @Override
    public void sendError(int status, String message) {
        this.status = status;
        this.sentMessage = message;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (status >= 400) {
            body = new StringWriter();
            return new PrintWriter(body);
        }
        return super.getWriter();
    }

    boolean failed() {
        return status >= 400;
    }

    /** The problem to answer instead of what the SDK wrote. */
    ProblemException problem(String sessionId) {
        String reason = reason();
        return switch (status) {
            case 400 -> new ProblemException(400, "invalid-mcp-message", "Invalid MCP message", reason + "; send one "
                    + "JSON-RPC 2.0 message as JSON with 'Accept: application/json, text/event-stream' and, after "
                    + "initialize, the Mcp-Session-Id header it returned (docs/mcp.md)");
            case 404 -> new ProblemException(404, "mcp-session-not-found", "MCP session not found", "MCP session '"
                    + sessionId + "' does not exist: it ended, expired, or lives on another server node; send "
                    + "initialize without Mcp-Session-Id to open a new session");
            case 415 -> new ProblemException(415, "unsupported-media-type", "Unsupported media type",
                    "send the MCP message with Content-Type: application/json");
            case 503 -> new ProblemException(503, "unavailable", "Service unavailable",
                    "the server is shutting down; connect again in a moment");
            default -> new ProblemException(status, "mcp-transport-error", "MCP transport error", reason);
        };
    }

    private String reason() {
        if (body != null) {
            try {
                JsonNode error = McpTools.WIRE.readTree(body.toString());
                JsonNode message = error.path("jsonRpcError").path("message");
                return message.isTextual() ? message.textValue() : error.path("message").asText("the request was refused");
            } catch (IOException notJson) {
                return body.toString();
            }
        }
        return sentMessage != null ? sentMessage : "the request was refused";
    }
}
