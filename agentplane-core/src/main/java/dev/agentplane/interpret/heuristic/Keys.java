package dev.agentplane.interpret.heuristic;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Field names and data keys reduced to lower-case words: "E-mail Address", "emailAddress", "e_mail_address". */
final class Keys {
    private Keys() {}

    static List<String> words(String key) {
        String spaced = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2");
        String plain = Normalizer.normalize(spaced.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        List<String> words = new ArrayList<>();
        for (String word : plain.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    static String joined(String key) {
        return String.join("", words(key));
    }
}
