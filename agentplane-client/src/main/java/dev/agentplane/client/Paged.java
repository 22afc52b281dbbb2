package dev.agentplane.client;

import dev.agentplane.client.model.Page;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A list on the server: iterate it (or {@link #stream()}) for every item across all pages, fetched as needed, or
 * take {@link #firstPage()} with its {@code nextCursor}. Nothing is fetched until asked.
 */
public final class Paged<T> implements Iterable<T> {
    private final Function<String, Page<T>> fetch;
    private final String startCursor;

    Paged(Function<String, Page<T>> fetch, String startCursor) {
        this.fetch = fetch;
        this.startCursor = startCursor;
    }

    /** The first page (of the query's {@code cursor}, if it had one). */
    public Page<T> firstPage() {
        return fetch.apply(startCursor);
    }

    /** The page at {@code cursor} (a {@code nextCursor} from an earlier page). */
    public Page<T> page(String cursor) {
        return fetch.apply(cursor);
    }

    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }

    /** Every item of every page, in a list: for short lists only. */
    public List<T> toList() {
        return stream().toList();
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private Iterator<T> items = List.<T>of().iterator();
            private String cursor = startCursor;
            private boolean fetched;

            @Override
            public boolean hasNext() {
                while (!items.hasNext() && (!fetched || cursor != null)) {
                    Page<T> page = fetch.apply(cursor);
                    fetched = true;
                    items = page.items().iterator();
                    cursor = page.nextCursor();
                }
                return items.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return items.next();
            }
        };
    }
}
