package dev.agentplane.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What the port decides whatever the provider: a stream that already delivered text is never started over.
 * The provider here is a minimal implementation of the port whose connection breaks mid-answer, which a local
 * HTTP server cannot do reliably.
 */
class ChatModelPortTest {
    private static final ChatRequest HELLO = ChatRequest.of("m", List.of(ChatMessage.user("Hello")));

    /** Streams the scripted pieces, then fails with the scripted failure (if any) on each attempt. */
    private static final class BreakingProvider extends ChatModel {
        private final Deque<Exception> failures;
        final AtomicInteger attempts = new AtomicInteger();

        BreakingProvider(RecordingSleeper sleeper, Exception... failures) {
            super(TestProviders.openai("http://127.0.0.1:9/v1"), PriceTable.defaults(), TestProviders.runtime(sleeper));
            this.failures = new ArrayDeque<>(List.of(failures));
        }

        @Override
        protected ChatResponse doChat(ChatRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected ChatResponse doStream(ChatRequest request, Consumer<String> onText) throws Exception {
            attempts.incrementAndGet();
            onText.accept("Hel");
            Exception failure = failures.poll();
            if (failure != null) {
                throw failure;
            }
            onText.accept("lo");
            return new ChatResponse("Hello", List.of(), new TokenUsage(1, 1), FinishReason.STOP, "gpt-4o-mini", null);
        }
    }

    @Test
    void a_stream_broken_after_text_arrived_is_not_started_over() {
        RecordingSleeper sleeper = new RecordingSleeper();
        BreakingProvider provider = new BreakingProvider(sleeper, new IOException("connection reset"));
        List<String> pieces = new CopyOnWriteArrayList<>();

        LlmException error = catchThrowableOfType(LlmException.class, () -> provider.stream(HELLO, pieces::add));

        assertThat(error.kind()).isEqualTo(LlmException.Kind.UNAVAILABLE);
        assertThat(error.getMessage()).contains("connection reset");
        assertThat(provider.attempts).hasValue(1);
        assertThat(pieces).containsExactly("Hel");
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void a_completed_stream_is_priced_and_handed_to_the_listener() throws Exception {
        BreakingProvider provider = new BreakingProvider(new RecordingSleeper());
        List<ChatResponse> completed = new CopyOnWriteArrayList<>();

        ChatResponse response = provider.stream(HELLO, new StreamListener() {
            @Override
            public void onText(String partialText) {}

            @Override
            public void onComplete(ChatResponse whole) {
                completed.add(whole);
            }
        });

        assertThat(response.costUsd()).isNotNull();
        assertThat(completed).containsExactly(response);
    }
}
