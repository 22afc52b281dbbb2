package dev.agentplane.interpret.heuristic;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Field names and data keys reduced to lower-case words: "E-mail Address", "emailAddress", "e_mail_address". Words
 * that only join a label together ("the", "your", "de") are left out of its content words, and a light stemmer
 * lets "delivered" and "delivery", "sign" and "signature" name the same thing.
 */
final class Keys {
    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern ACRONYM = Pattern.compile("([A-Z]+)([A-Z][a-z])");
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Set<String> STOP = Set.of("the", "a", "an", "of", "to", "for", "your", "you", "my", "our", "i",
            "is", "are", "has", "have", "it", "do", "does", "in", "on", "at", "and", "or", "by", "de", "la", "le", "les",
            "du", "des", "del", "el", "los", "las", "der", "die", "das", "den", "von", "fur", "il", "di", "van", "het");
    private static final List<String> SUFFIXES = List.of("ations", "ation", "ature", "ments", "ment", "ings", "ing",
            "ies", "ed", "es", "s", "y", "e");

    private static final java.util.Map<String, List<String>> LABELS = new java.util.concurrent.ConcurrentHashMap<>();

    private Keys() {}

    /** {@link #words} of a label or field name; they repeat across inputs, so their words are kept (a bounded cache). */
    static List<String> labelWords(String key) {
        if (key.length() > 200) {
            return words(key);
        }
        List<String> known = LABELS.get(key);
        if (known == null) {
            if (LABELS.size() > 20_000) {
                LABELS.clear();
            }
            known = words(key);
            LABELS.put(key, known);
        }
        return known;
    }

    static List<String> words(String key) {
        String spaced = hasUpperAfterLower(key) ? ACRONYM.matcher(CAMEL.matcher(key).replaceAll("$1 $2")).replaceAll("$1 $2") : key;
        String lower = spaced.replace('²', '2').replace('³', '3').toLowerCase(Locale.ROOT);
        String plain = isAscii(lower) ? lower : MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= plain.length(); i++) {
            boolean part = i < plain.length() && Character.isLetterOrDigit(plain.charAt(i));
            if (part && start < 0) {
                start = i;
            } else if (!part && start >= 0) {
                words.add(plain.substring(start, i));
                start = -1;
            }
        }
        return words;
    }

    private static boolean hasUpperAfterLower(String text) {
        for (int i = 1; i < text.length(); i++) {
            if (Character.isUpperCase(text.charAt(i)) && Character.isLetterOrDigit(text.charAt(i - 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /** The words that say what a label is about; all of them when every word is a joining word. */
    static List<String> content(List<String> words) {
        List<String> content = words.stream().filter(word -> !STOP.contains(word)).toList();
        return content.isEmpty() ? words : content;
    }

    static String joined(String key) {
        return String.join("", words(key));
    }

    /** "delivered", "delivery" → "deliver"; "signature" → "sign"; a doubled final consonant is undone ("shipping"). */
    static String stem(String word) {
        for (String suffix : SUFFIXES) {
            int keep = suffix.equals("s") ? 3 : 4; // "skus" is "sku", but "bus" stays
            if (word.endsWith(suffix) && word.length() - suffix.length() >= keep && !word.endsWith("ss")) {
                String stem = word.substring(0, word.length() - suffix.length());
                if (suffix.startsWith("i") || suffix.startsWith("e")) {
                    int n = stem.length();
                    if (n >= 2 && stem.charAt(n - 1) == stem.charAt(n - 2) && "aeiouls".indexOf(stem.charAt(n - 1)) < 0) {
                        stem = stem.substring(0, n - 1);
                    }
                }
                return stem;
            }
        }
        return word;
    }
}
