package dev.agentplane.interpret.values;

import java.util.List;
import java.util.Optional;

/** A value found in free text, with where it starts and ends in that text. */
public record Found(int start, int end, Parsed parsed) {

    /**
     * The reading of a labelled value from what was found in it: the first value, fully trusted when it is (nearly,
     * within {@code slack} characters of punctuation) the whole text, less when the text says more, and much less when
     * it holds several such values.
     */
    static Optional<Parsed> first(List<Found> found, String text, int slack) {
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Found first = found.get(0);
        boolean whole = first.end() - first.start() >= text.strip().length() - slack;
        return Optional.of(first.parsed().times(whole ? 1.0 : found.size() == 1 ? 0.95 : 0.6));
    }
}
