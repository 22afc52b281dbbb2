package dev.agentplane.teams.definition;

import dev.agentplane.common.EditDistance;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** The known word a misspelt one was most likely meant to be ("sytem_prompt" → "system_prompt"). */
final class NearMatch {
    private NearMatch() {}

    /** The closest of {@code known} within a few edits (case ignored), if any. */
    static Optional<String> of(String word, Collection<String> known) {
        String wanted = word.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, Math.min(3, wanted.length() / 3));
        return known.stream()
                .filter(k -> EditDistance.between(wanted, k.toLowerCase(Locale.ROOT)) <= allowed)
                .min(Comparator.comparingInt((String k) -> EditDistance.between(wanted, k.toLowerCase(Locale.ROOT))).thenComparing(k -> k));
    }

    /** "; did you mean x?" or "", to append to a message. */
    static String suggestion(String word, Collection<String> known) {
        return of(word, known).map(k -> "; did you mean " + k + "?").orElse("");
    }
}
