package dev.agentplane.llm;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The port to one configured provider. It owns what every provider shares: the per-attempt timeout, retries,
 * error translation and cost. A provider implements {@link #doChat} and {@link #doStream} for one attempt and may
 * throw whatever its client throws. {@code request.model()} is the provider's model name here; {@link Models}
 * resolves "provider/model" names to the right instance.
 */
public abstract class ChatModel {
    private final ProviderConfig provider;
    private final PriceTable prices;
    private final Retrier retrier;
    private final ErrorTranslator errors;

    protected ChatModel(ProviderConfig provider, PriceTable prices, LlmRuntime runtime) {
        this.provider = provider;
        this.prices = prices;
        this.retrier = new Retrier(provider.maxAttempts(), runtime);
        this.errors = new ErrorTranslator(provider, runtime.clock());
    }

    public final ProviderConfig provider() {
        return provider;
    }

    /** Asks the model and waits for the whole answer, with cost. */
    public final ChatResponse chat(ChatRequest request) throws InterruptedException {
        String model = requireModel(request);
        ChatResponse response = retrier.call(() -> withTimeout(model, () -> doChat(request)), () -> true);
        return priced(model, response);
    }

    /**
     * Asks the model and hands {@code listener} the text as it arrives, then the whole answer (also returned).
     * A failure before any text arrived is retried like {@link #chat}; after that it is thrown as it is, since
     * starting over would repeat text the listener already has.
     */
    public final ChatResponse stream(ChatRequest request, StreamListener listener) throws InterruptedException {
        String model = requireModel(request);
        AtomicBoolean textDelivered = new AtomicBoolean();
        AtomicBoolean open = new AtomicBoolean(true);
        Consumer<String> onText = text -> {
            if (open.get() && text != null && !text.isEmpty()) {
                textDelivered.set(true);
                listener.onText(text);
            }
        };
        ChatResponse response;
        try {
            response = priced(model, retrier.call(() -> withTimeout(model, () -> doStream(request, onText)),
                    () -> !textDelivered.get()));
        } finally {
            open.set(false); // a timed-out attempt may still be reading: its text must not reach the listener
        }
        listener.onComplete(response);
        return response;
    }

    /** One attempt, blocking until the whole answer is there; cost is left null. */
    protected abstract ChatResponse doChat(ChatRequest request) throws Exception;

    /** One streamed attempt: calls {@code onText} with each piece of text and returns the whole answer. */
    protected abstract ChatResponse doStream(ChatRequest request, Consumer<String> onText) throws Exception;

    private String requireModel(ChatRequest request) {
        if (!provider.usable()) {
            throw new LlmException(LlmException.Kind.AUTHENTICATION, provider.name(), provider.name()
                    + " has no API key: its api_key comes from ${" + provider.apiKeyVariable() + "}, which was not set when "
                    + "the configuration was read; export " + provider.apiKeyVariable() + "=<key> and start again");
        }
        if (request.model() == null || request.model().isBlank()) {
            throw new LlmException(LlmException.Kind.INVALID_REQUEST, provider.name(),
                    "a request to " + provider.name() + " must name a model: one of " + provider.models());
        }
        return request.model();
    }

    private ChatResponse priced(String model, ChatResponse response) {
        return response.withCost(prices.cost(provider, model, response));
    }

    /** Runs one attempt on its own virtual thread, so the timeout holds however the client blocks. */
    private ChatResponse withTimeout(String model, Callable<ChatResponse> attempt) throws InterruptedException {
        FutureTask<ChatResponse> task = new FutureTask<>(attempt);
        Thread.ofVirtual().name("llm-" + provider.name()).start(task);
        try {
            return task.get(provider.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw errors.timeout(e);
        } catch (ExecutionException e) {
            throw errors.translate(e.getCause(), model);
        } catch (InterruptedException e) {
            task.cancel(true);
            throw e;
        }
    }
}
