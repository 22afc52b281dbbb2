package dev.agentplane.interpret.values;

import com.fasterxml.jackson.databind.node.BooleanNode;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Yes and no in the ways forms and people write them, in several languages. */
public final class Booleans {
    private static final Set<String> TRUE = Set.of("true", "yes", "y", "1", "on", "checked", "x", "✓", "✔", "ja", "oui",
            "si", "sí", "enabled", "active", "t", "yep", "yeah", "sure", "affirmative", "vrai", "wahr", "[x]", "ok");
    private static final Set<String> FALSE = Set.of("false", "no", "n", "0", "off", "unchecked", "✗", "✘", "nein", "non",
            "disabled", "inactive", "f", "nope", "nah", "negative", "faux", "falsch", "[ ]", "none", "-");

    private Booleans() {}

    public static Optional<Parsed> parse(String text) {
        String word = text.strip().toLowerCase(Locale.ROOT).replaceAll("[.!]+$", "");
        if (TRUE.contains(word)) {
            return Optional.of(new Parsed(BooleanNode.TRUE, 1.0));
        }
        if (FALSE.contains(word)) {
            return Optional.of(new Parsed(BooleanNode.FALSE, 1.0));
        }
        String first = word.split("[\\s,;(]+", 2)[0];
        if (TRUE.contains(first) && first.length() > 1) {
            return Optional.of(new Parsed(BooleanNode.TRUE, 0.9));
        }
        if (FALSE.contains(first) && first.length() > 1) {
            return Optional.of(new Parsed(BooleanNode.FALSE, 0.9));
        }
        return Optional.empty();
    }
}
