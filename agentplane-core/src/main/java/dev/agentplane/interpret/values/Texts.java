package dev.agentplane.interpret.values;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** A written text value as a field holds it: spaces collapsed, decoration at its ends dropped, placeholders refused. */
final class Texts {
    private static final Pattern SPACE = Pattern.compile("[\\s\\u00a0\\u2000-\\u200a\\u202f\\u205f\\u3000]+");
    private static final Pattern DECORATION = Pattern.compile(
            "^[\\p{So}\\p{Sk}\\p{Cs}\\p{Co}\\ufe0f\\u200d|*_`~•·\\s]+|[\\p{So}\\p{Sk}\\p{Cs}\\p{Co}\\ufe0f\\u200d|*_`~•·\\s]+$");
    /** What forms write where there is no value. */
    private static final Set<String> PLACEHOLDERS = Set.of("-", "--", "—", "–", "n/a", "na", "n.a.", "none", "null", "nil",
            "unknown", "tbd", "?", "??", "...", "…", "keine", "aucun", "aucune", "ninguno", "nessuno", "/", "undefined");

    private Texts() {}

    static Optional<String> clean(String raw) {
        String text = DECORATION.matcher(SPACE.matcher(raw).replaceAll(" ")).replaceAll("");
        if (text.isEmpty() || PLACEHOLDERS.contains(text.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(text);
    }
}
