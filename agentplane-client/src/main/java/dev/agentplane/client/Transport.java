package dev.agentplane.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.client.internal.Json;
import dev.agentplane.client.internal.RequestSigner;
import dev.agentplane.client.internal.RetryAfter;
import dev.agentplane.client.model.Page;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Sends calls to the server: authentication, signing (afresh for each attempt), retries of 429 and 503 as
 * Retry-After says, and problem answers turned into {@link AgentPlaneException}s.
 */
final class Transport {
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private final AgentPlaneClient.Settings settings;
    private final HttpClient http;
    private final String origin;
    private final String basePath;
    private final RequestSigner signer;
    private final Clock clock;

    Transport(AgentPlaneClient.Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = settings.httpClient() != null ? settings.httpClient() : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.connectTimeout()).build();
        URI url = settings.url();
        this.origin = url.getScheme() + "://" + url.getRawAuthority();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.signer = settings.signingSecret() == null ? null : new RequestSigner(settings.signingSecret());
    }

    HttpClient http() {
        return http;
    }

    /** The body of a 2xx answer as {@code type}. */
    <T> T send(Call call, Class<T> type) {
        return Json.read(exchange(call).body(), Json.MAPPER.constructType(type));
    }

    JsonNode sendForTree(Call call) {
        return Json.tree(exchange(call).body());
    }

    void sendIgnoringBody(Call call) {
        exchange(call);
    }

    HttpResponse<byte[]> exchange(Call call) {
        return exchange(call, HttpResponse.BodyHandlers.ofByteArray(), body -> body);
    }

    /** A streamed answer (Server-Sent Events); the caller closes its body. */
    HttpResponse<InputStream> open(Call call) {
        return exchange(call, HttpResponse.BodyHandlers.ofInputStream(), Transport::readAll);
    }

    <T> Paged<T> paged(Call call, Class<T> itemType) {
        JavaType pageType = Json.MAPPER.getTypeFactory().constructParametricType(Page.class, itemType);
        Query start = call.query;
        return new Paged<>(cursor -> Json.read(exchange(call.query(start.cursor(cursor))).body(), pageType), start.get("cursor"));
    }

    /** The request target exactly as sent: what a signature covers. */
    String target(String path, Query query) {
        String encoded = query.encoded();
        return basePath + path + (encoded.isEmpty() ? "" : "?" + encoded);
    }

    URI uri(String target) {
        return URI.create(origin + target);
    }

    /** The signing headers for a request sent now, when the client has a signing secret. */
    void sign(String method, String target, byte[] body, java.util.function.BiConsumer<String, String> header) {
        if (signer != null) {
            long now = clock.instant().getEpochSecond();
            header.accept(RequestSigner.TIMESTAMP_HEADER, String.valueOf(now));
            header.accept(RequestSigner.SIGNATURE_HEADER, signer.signature(now, method, target, body));
        }
    }

    String apiKey() {
        return settings.apiKey();
    }

    boolean signs() {
        return signer != null;
    }

    private <T> HttpResponse<T> exchange(Call call, HttpResponse.BodyHandler<T> handler, Function<T, byte[]> errorBody) {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<T> response;
            try {
                response = http.send(request(call), handler);
            } catch (HttpTimeoutException e) {
                throw new AgentPlaneException.ConnectionFailed("no answer from " + origin + " to " + call + " within "
                        + settings.requestTimeout().plus(call.extraTimeout).toSeconds() + " s", e);
            } catch (IOException e) {
                if (attempt < settings.maxRetries() && call.safeToRepeat()) {
                    pause(backoff(attempt));
                    continue;
                }
                throw new AgentPlaneException.ConnectionFailed("cannot reach the AgentPlane server at " + origin + basePath
                        + " (" + call + "): " + describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AgentPlaneException.ConnectionFailed("interrupted while waiting for " + call, e);
            }
            int status = response.statusCode();
            if (status < 400) {
                return response;
            }
            byte[] body = errorBody.apply(response.body());
            if ((status == 429 || status == 503) && attempt < settings.maxRetries()) {
                Duration wait = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant())
                        .orElseGet(() -> backoff(0));
                if (wait.compareTo(settings.maxRetryWait()) <= 0) {
                    pause(wait);
                    continue;
                }
            }
            throw AgentPlaneException.of(Problems.answer(call.toString(), response, body));
        }
    }

    private HttpRequest request(Call call) {
        String target = target(call.path, call.query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(target))
                .timeout(settings.requestTimeout().plus(call.extraTimeout))
                .header("Accept", call.accept)
                .header("User-Agent", "agentplane-java/" + AgentPlaneClient.VERSION)
                .method(call.method, call.body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body));
        if (settings.apiKey() != null) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        if (call.contentType != null) {
            request.header("Content-Type", call.contentType);
        }
        call.headers.forEach(request::header);
        sign(call.method, target, call.body == null ? new byte[0] : call.body, request::header);
        return request.build();
    }

    private static Duration backoff(int attempt) {
        long millis = Math.min(MAX_BACKOFF.toMillis(), 200L << Math.min(attempt, 10));
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentPlaneException.ConnectionFailed("interrupted while waiting to retry", e);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
