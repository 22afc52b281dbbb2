package dev.agentplane.llm.internal;

import dev.langchain4j.exception.HttpException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A non-2xx answer with the headers LangChain4j's own {@link HttpException} drops: the retry code needs
 * {@code Retry-After}. LangChain4j's exception mapper still recognizes it as an {@link HttpException}.
 */
public class ProviderHttpException extends HttpException {
    private final Map<String, List<String>> headers;

    public ProviderHttpException(int statusCode, String body, Map<String, List<String>> headers) {
        super(statusCode, body);
        TreeMap<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        this.headers = caseInsensitive;
    }

    public String body() {
        return getMessage();
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
