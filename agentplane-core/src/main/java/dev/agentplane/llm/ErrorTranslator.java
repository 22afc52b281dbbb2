package dev.agentplane.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.llm.LlmException.Kind;
import dev.agentplane.llm.internal.ProviderHttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;

/** Turns whatever a provider call threw into an {@link LlmException} whose message says what to fix. */
final class ErrorTranslator {
    private final ProviderConfig provider;
    private final Clock clock;

    ErrorTranslator(ProviderConfig provider, Clock clock) {
        this.provider = provider;
        this.clock = clock;
    }

    LlmException translate(Throwable failure, String model) {
        if (failure instanceof LlmException known) {
            return known;
        }
        ProviderHttpException answer = find(failure, ProviderHttpException.class);
        if (answer != null) {
            return fromStatus(answer, model);
        }
        String name = provider.name();
        String unreachable = unreachableReason(failure);
        if (unreachable != null) {
            return error(Kind.UNAVAILABLE, null, null, true, "cannot reach " + name + " at " + provider.apiBase() + " ("
                    + unreachable + "): check models." + name + ".api_base and that the server is running", failure);
        }
        if (find(failure, HttpTimeoutException.class) != null
                || find(failure, TimeoutException.class) != null) {
            return timeout(failure);
        }
        if (find(failure, JsonProcessingException.class) != null) {
            return error(Kind.INVALID_RESPONSE, null, null, false, name + " answered something that is not a valid "
                    + provider.protocol().wireName() + " response: " + rootMessage(failure), failure);
        }
        if (find(failure, IOException.class) != null) {
            return error(Kind.UNAVAILABLE, null, null, true, "the connection to " + name + " failed ("
                    + rootMessage(failure) + ")", failure);
        }
        if (find(failure, IllegalArgumentException.class) != null
                || find(failure, UnsupportedFeatureException.class) != null) {
            return error(Kind.INVALID_REQUEST, null, null, false, name + " cannot take this request: "
                    + rootMessage(failure), failure);
        }
        return error(Kind.INVALID_RESPONSE, null, null, false, "unexpected failure calling " + name + ": "
                + rootMessage(failure), failure);
    }

    LlmException timeout(Throwable cause) {
        Duration timeout = provider.timeout();
        String within = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
        return error(Kind.TIMEOUT, null, null, false, provider.name() + " did not answer within " + within
                + ": try again, or raise models." + provider.name() + ".timeout_seconds", cause);
    }

    /** Why no connection could be made, or null when the failure is something else. */
    private static String unreachableReason(Throwable failure) {
        if (find(failure, HttpConnectTimeoutException.class) != null) {
            return "connection timed out";
        }
        if (find(failure, UnresolvedAddressException.class) != null || find(failure, UnknownHostException.class) != null) {
            return "unknown host";
        }
        ConnectException refused = find(failure, ConnectException.class);
        if (refused != null) {
            return refused.getMessage() == null ? "connection refused" : refused.getMessage();
        }
        return null;
    }

    private LlmException fromStatus(ProviderHttpException answer, String model) {
        int status = answer.statusCode();
        String name = provider.name();
        String detail = detail(answer.body());
        String said = detail.isEmpty() ? "" : ": " + detail;
        if (status == 401 || status == 403) {
            String origin = provider.apiKeyOrigin();
            String message = origin == null
                    ? name + " refused the request without an API key (" + status + ")" + said + ": set models." + name
                    + ".api_key, e.g. api_key: ${" + ProviderConfig.suggestedKeyVariable(name) + "}"
                    : name + " rejected the API key from " + origin + " (" + status + "): check the key" + said;
            return error(Kind.AUTHENTICATION, status, null, false, message, answer);
        }
        if (status == 429) {
            if (detail.contains("insufficient_quota") || detail.contains("exceeded your current quota")) {
                return error(Kind.RATE_LIMITED, status, null, false, name + " says the account is out of quota (429)"
                        + said + ": check the plan and billing of the key from " + provider.apiKeyOrigin(), answer);
            }
            Duration retryAfter = RetryAfter.of(answer, clock.instant());
            return error(Kind.RATE_LIMITED, status, retryAfter, true, name + " is rate limiting requests (429)" + said,
                    answer);
        }
        if (status >= 500 || status == 408) {
            return error(Kind.UNAVAILABLE, status, RetryAfter.of(answer, clock.instant()), true, name
                    + " failed to answer (" + status + ")" + said, answer);
        }
        if (status == 404) {
            return error(Kind.INVALID_REQUEST, status, null, false, name + " answered 404 for model '" + model
                    + "'" + said + ": check that the model exists there (models." + name + ".models) and that models."
                    + name + ".api_base (" + provider.apiBase() + ") is the API's base URL, usually ending in /v1", answer);
        }
        return error(Kind.INVALID_REQUEST, status, null, false, name + " rejected the request for model '" + model
                + "' (" + status + ")" + said, answer);
    }

    /** The provider's own explanation: error.message (OpenAI, Anthropic), error (Ollama), or the body itself. */
    private static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            JsonNode error = json.path("error");
            String message = error.isTextual() ? error.asText() : error.path("message").asText("");
            String code = error.path("code").asText(error.path("type").asText(""));
            if (!message.isEmpty()) {
                return code.isEmpty() || message.contains(code) ? message : message + " [" + code + "]";
            }
            if (json.path("message").isTextual()) {
                return json.path("message").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the raw text
        }
        String text = body.strip();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private LlmException error(Kind kind, Integer status, Duration retryAfter, boolean retryable, String message,
                               Throwable cause) {
        return new LlmException(kind, provider.name(), status, retryAfter, retryable, message, cause);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable current = failure; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
