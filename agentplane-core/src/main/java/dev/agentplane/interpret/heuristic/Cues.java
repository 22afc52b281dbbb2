package dev.agentplane.interpret.heuristic;

import dev.agentplane.interpret.schema.FieldSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Words around a value that tell which field it belongs to, or that it is not the one meant. */
final class Cues {
    static final int WINDOW = 48;
    private static final Pattern NEGATIVE = Pattern.compile(
            "(?i)\\b(?:not|old|former|previous|prior|no longer|don't|do not|never|ignore|instead of|wrong|outdated|deprecated"
                    + "|used to|ex-|nicht mehr|alte|ancien|antiguo|cc|bcc|fax)\\b[^\\n]{0,30}$");
    private static final Pattern FOLLOWING_NEGATIVE = Pattern.compile(
            "(?i)^[^\\n]{0,12}\\b(?:is (?:no longer|not)|no longer|\\(old\\)|\\(former\\)|\\(fax\\)|is outdated|is wrong)");

    private Cues() {}

    /** The words a field's name stands for in text: its own words and their synonyms, longest first. */
    static List<String> namesOf(FieldSpec field) {
        Set<String> names = new LinkedHashSet<>();
        List<String> words = Keys.words(field.name());
        names.add(String.join(" ", words));
        for (String synonym : Synonyms.of(Keys.joined(field.name()))) {
            names.add(synonym);
        }
        for (String word : words) {
            if (word.length() > 2 && !List.of("the", "of", "and", "number", "date", "name", "id").contains(word)) {
                names.add(word);
                names.addAll(Synonyms.of(word));
            }
        }
        if (words.size() > 1) {
            names.addAll(Synonyms.of(words.get(words.size() - 1)));
        }
        names.add(field.name().toLowerCase(Locale.ROOT));
        return names.stream().filter(name -> name.length() > 1)
                .sorted((a, b) -> b.length() - a.length()).toList();
    }

    /** How much the text just before {@code start} (and just after {@code end}) points at the field. */
    static double score(FieldSpec field, String text, int start, int end) {
        String before = text.substring(Math.max(0, start - WINDOW), start).toLowerCase(Locale.ROOT);
        int lineStart = before.lastIndexOf('\n');
        String sameLine = lineStart >= 0 ? before.substring(lineStart + 1) : before;
        double score = 0;
        for (String name : namesOf(field)) {
            if (containsWord(sameLine, name)) {
                score = Math.max(score, 0.3 + 0.2 * Math.min(1, name.length() / 8.0));
            } else if (containsWord(before, name)) {
                score = Math.max(score, 0.15);
            }
        }
        if (NEGATIVE.matcher(sameLine).find()) {
            score -= 0.5;
        }
        String after = text.substring(end, Math.min(text.length(), end + 30));
        if (FOLLOWING_NEGATIVE.matcher(after).find()) {
            score -= 0.5;
        }
        return score;
    }

    static boolean containsWord(String text, String word) {
        int at = text.indexOf(word);
        while (at >= 0) {
            boolean startOk = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
            int end = at + word.length();
            boolean endOk = end >= text.length() || !Character.isLetterOrDigit(text.charAt(end))
                    || (end < text.length() && text.charAt(end) == 's');
            if (startOk && endOk) {
                return true;
            }
            at = text.indexOf(word, at + 1);
        }
        return false;
    }
}
