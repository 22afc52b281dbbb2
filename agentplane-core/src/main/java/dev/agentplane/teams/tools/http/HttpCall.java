package dev.agentplane.teams.tools.http;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** One request to send: method, URL, headers and body (null for none). */
record HttpCall(String method, URI url, Map<String, String> headers, String body) {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    /** Credentials meant for one origin are not handed to another by a redirect. */
    private static final Set<String> CREDENTIALS = Set.of("authorization", "cookie", "proxy-authorization");

    HttpCall {
        headers = Map.copyOf(headers);
    }

    /**
     * The request a redirect asks for, or empty when the response is not a redirect. 303 (and 301/302 after a POST,
     * as browsers do) turn into a GET without body; 307 and 308 repeat the request as it was.
     */
    Optional<HttpCall> redirectedBy(HttpResponse<?> response) {
        Optional<String> location = response.headers().firstValue("location");
        if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
            return Optional.empty();
        }
        URI next = url.resolve(URI.create(location.get().strip().replace(" ", "%20")));
        boolean toGet = response.statusCode() == 303 || response.statusCode() <= 302 && method.equals("POST");
        Map<String, String> nextHeaders = new LinkedHashMap<>(headers);
        if (toGet) {
            nextHeaders.keySet().removeIf(name -> name.equalsIgnoreCase("content-type"));
        }
        if (!sameOrigin(url, next)) {
            nextHeaders.keySet().removeIf(name -> CREDENTIALS.contains(name.toLowerCase(java.util.Locale.ROOT)));
        }
        return Optional.of(new HttpCall(toGet ? "GET" : method, next, nextHeaders, toGet ? null : body));
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }
}
