package dev.agentplane.expressions;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiled expressions by source text, so each is parsed and checked once however often it runs. Bounded: when
 * full, about a tenth of the entries, in hash order (effectively at random), make room. Compiling takes about a
 * millisecond, evaluating a microsecond, so an occasional recompile costs little and reads never lock.
 */
final class ProgramCache {
    private final ExpressionCompiler compiler = new ExpressionCompiler();
    private final ConcurrentHashMap<String, Compilation> entries = new ConcurrentHashMap<>();
    private final int capacity;
    private final AtomicLong compilations = new AtomicLong();

    ProgramCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    Compilation get(String source) {
        Compilation cached = entries.get(source);
        if (cached != null) {
            return cached;
        }
        if (source.length() > Expressions.MAX_EXPRESSION_CHARS) {
            return new Compilation.Invalid(java.util.List.of(new ExpressionFailure(0, "is " + source.length()
                    + " characters long; the limit is " + Expressions.MAX_EXPRESSION_CHARS,
                    "split it into several steps or move the logic into a tool")));
        }
        compilations.incrementAndGet();
        Compilation compiled = compiler.compile(source);
        if (entries.size() >= capacity) {
            evictSome();
        }
        Compilation raced = entries.putIfAbsent(source, compiled);
        return raced != null ? raced : compiled;
    }

    /** How many times an expression was compiled: a cache miss each. */
    long compilations() {
        return compilations.get();
    }

    private void evictSome() {
        int toRemove = Math.max(1, capacity / 10);
        Iterator<String> keys = entries.keySet().iterator();
        while (toRemove-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
