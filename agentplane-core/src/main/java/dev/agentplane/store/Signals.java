package dev.agentplane.store;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * In-process notices that a committed transaction changed something readers wait for (new events, for streams).
 * A repository raises one inside its transaction ({@link Sql#signalAfterCommit}); the listeners of its topic hear
 * it after the commit, on the committing thread, so they must only wake someone up. Changes committed by other
 * processes are not heard here: a reader that must see them polls as well.
 */
public final class Signals {
    private final Map<String, Set<Consumer<String>>> listeners = new ConcurrentHashMap<>();

    /** Calls {@code listener} with the key of every signal of {@code topic} until the returned handle is closed. */
    public Listening listen(String topic, Consumer<String> listener) {
        listeners.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.get(topic).remove(listener);
    }

    void raise(String topic, String key) {
        Set<Consumer<String>> current = listeners.get(topic);
        if (current != null) {
            current.forEach(listener -> listener.accept(key));
        }
    }

    /** A registered listener; closing it stops the calls. */
    public interface Listening extends AutoCloseable {
        @Override
        void close();
    }
}
