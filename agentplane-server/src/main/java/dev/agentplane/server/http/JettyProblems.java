package dev.agentplane.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Problem+json for the errors Jetty answers itself, before any route runs: unparseable requests (400), URIs
 * and headers over the limits (414, 431) and ambiguous or malformed paths. Without it they would be HTML.
 */
public final class JettyProblems extends ErrorHandler {

    /** Requests Jetty's parser refuses; there is no request (so no path for {@code instance}), only bytes to return. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status, reason, "").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true; // PUT, PATCH and DELETE deserve an explanation too
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType(Problems.CONTENT_TYPE);
        response.getOutputStream().write(body(code, message, request.getRequestURI()).getBytes(StandardCharsets.UTF_8));
    }

    private static String body(int status, String reason, String instance) {
        String detail = switch (status) {
            case 414 -> "the request URI is longer than the server accepts; send shorter path and query values";
            case 431 -> "the request headers are larger than the server accepts; send fewer or shorter headers";
            default -> "the request is not valid HTTP or its path is ambiguous"
                    + (reason == null || reason.isBlank() ? "" : " (" + reason + ")") + "; fix the request";
        };
        ObjectNode problem = Json.object()
                .put("type", "/problems/http-" + status)
                .put("title", "HTTP " + status)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance)
                .put("request_id", RequestContext.newRequestId());
        return Json.write(problem);
    }
}
