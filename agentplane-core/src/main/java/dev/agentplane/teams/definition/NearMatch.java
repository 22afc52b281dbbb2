package dev.agentplane.teams.definition;

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
                .filter(k -> distance(wanted, k.toLowerCase(Locale.ROOT)) <= allowed)
                .min(Comparator.comparingInt((String k) -> distance(wanted, k.toLowerCase(Locale.ROOT))).thenComparing(k -> k));
    }

    /** "; did you mean x?" or "", to append to a message. */
    static String suggestion(String word, Collection<String> known) {
        return of(word, known).map(k -> "; did you mean " + k + "?").orElse("");
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
