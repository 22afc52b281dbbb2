package dev.agentplane.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A call that did not succeed. An answer of the server carries its RFC 9457 {@link #problem()} and is thrown as the
 * subclass of its status (catch {@link NotFound}, {@link Conflict}, {@link PreconditionFailed}...; other statuses as
 * this class); no answer at all is {@link ConnectionFailed} (status 0).
 */
public class AgentPlaneException extends RuntimeException {
    private final int status;
    private final Problem problem;
    private final JsonNode problemJson;
    private final HttpHeaders headers;

    public AgentPlaneException(String message, int status, Problem problem, JsonNode problemJson, HttpHeaders headers,
            Throwable cause) {
        super(message, cause);
        this.status = status;
        this.problem = problem;
        this.problemJson = problemJson;
        this.headers = headers == null ? HttpHeaders.of(Map.of(), (a, b) -> true) : headers;
    }

    private AgentPlaneException(Answer answer) {
        this(answer.message(), answer.status(), answer.problem(), answer.json(), answer.headers(), null);
    }

    /** The HTTP status, or 0 when the server did not answer. */
    public int status() {
        return status;
    }

    /** The problem details; for a failure without an answer, a problem with only a title and detail. */
    public Problem problem() {
        return problem;
    }

    /** The problem exactly as received, with any members the SDK does not know. */
    public Optional<JsonNode> problemJson() {
        return Optional.ofNullable(problemJson);
    }

    /** The problem's {@code type}, e.g. {@code not-found}, {@code validation}. */
    public String type() {
        return problem.type();
    }

    public String detail() {
        return problem.detail();
    }

    public List<Problem.FieldError> errors() {
        return problem.errors();
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(problem.requestId());
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** The exception for an answer with a 4xx or 5xx status. */
    public static AgentPlaneException of(Answer answer) {
        return switch (answer.status()) {
            case 400 -> new BadRequest(answer);
            case 401 -> new Unauthorized(answer);
            case 403 -> new Forbidden(answer);
            case 404 -> new NotFound(answer);
            case 409 -> new Conflict(answer);
            case 412 -> new PreconditionFailed(answer);
            case 413 -> new PayloadTooLarge(answer);
            case 429 -> new RateLimited(answer);
            case 503 -> new ServiceUnavailable(answer);
            default -> new AgentPlaneException(answer);
        };
    }

    /** What the server answered, as the exception needs it. */
    public record Answer(String message, int status, Problem problem, JsonNode json, HttpHeaders headers) {}

    /** 400: the request is invalid; {@link #errors()} name the fields and their fixes. */
    public static final class BadRequest extends AgentPlaneException {
        BadRequest(Answer answer) { super(answer); }
    }

    /** 401: no key, an unknown, revoked or expired key, or a bad signature. */
    public static final class Unauthorized extends AgentPlaneException {
        Unauthorized(Answer answer) { super(answer); }
    }

    /** 403: the key's role may not do this. */
    public static final class Forbidden extends AgentPlaneException {
        Forbidden(Answer answer) { super(answer); }
    }

    /** 404: no such resource in the key's organization. */
    public static final class NotFound extends AgentPlaneException {
        NotFound(Answer answer) { super(answer); }
    }

    /** 409: the resource is not in a state that allows this; {@link #currentStatus()} says which it is in. */
    public static final class Conflict extends AgentPlaneException {
        Conflict(Answer answer) { super(answer); }

        public Optional<String> currentStatus() {
            return Optional.ofNullable(problem().currentStatus());
        }
    }

    /** 412: the state entry is not at the version given (If-Match) or already exists (If-None-Match). */
    public static final class PreconditionFailed extends AgentPlaneException {
        PreconditionFailed(Answer answer) { super(answer); }

        public Optional<Long> currentVersion() {
            return Optional.ofNullable(problem().currentVersion());
        }
    }

    /** 413: the body or a value in it is too large; {@code limitBytes} in the problem. */
    public static final class PayloadTooLarge extends AgentPlaneException {
        PayloadTooLarge(Answer answer) { super(answer); }
    }

    /** 429 after the retries allowed (or a Retry-After longer than the client waits). */
    public static final class RateLimited extends AgentPlaneException {
        RateLimited(Answer answer) { super(answer); }

        public Optional<String> retryAfter() {
            return headers().firstValue("Retry-After");
        }
    }

    /** 503 after the retries allowed. */
    public static final class ServiceUnavailable extends AgentPlaneException {
        ServiceUnavailable(Answer answer) { super(answer); }
    }

    /** The server could not be reached, or did not answer in time. */
    public static final class ConnectionFailed extends AgentPlaneException {
        public ConnectionFailed(String message, Throwable cause) {
            super(message, 0, new Problem("connection-failed", "No answer", 0, message, null, null, null, null, null, null),
                    null, null, cause);
        }
    }

    /** {@code waitFor} gave up before the execution finished. */
    public static final class WaitTimedOut extends AgentPlaneException {
        public WaitTimedOut(String message) {
            super(message, 0, new Problem("wait-timed-out", "Still running", 0, message, null, null, null, null, null, null),
                    null, null, null);
        }
    }
}
