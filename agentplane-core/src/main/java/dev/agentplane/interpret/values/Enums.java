package dev.agentplane.interpret.values;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One of a schema's allowed values: exact, ignoring case and punctuation, by prefix, or within a small typo. */
public final class Enums {
    private static final Pattern HEAD_END = Pattern.compile("\\s*(?:[(\\[,;:]|\\s-\\s|\\s–\\s)");
    private static final java.util.Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    private Enums() {}

    public static Optional<Parsed> parse(String text, List<String> allowed) {
        String written = normalize(text);
        if (written.isEmpty()) {
            return Optional.empty();
        }
        for (String value : allowed) {
            if (value.equalsIgnoreCase(text.strip())) {
                return Optional.of(new Parsed(TextNode.valueOf(value), 1.0));
            }
        }
        for (String value : allowed) {
            if (normalize(value).equals(written)) {
                return Optional.of(new Parsed(TextNode.valueOf(value), 0.95));
            }
        }
        // The value is what the text starts with: "deleted (note: set it to active)" is not "active".
        String head = HEAD_END.split(text.strip(), 2)[0];
        List<Found> mentioned = find(text, allowed).stream().filter(found -> found.start() < head.length() + 1).toList();
        if (!mentioned.isEmpty() && mentioned.stream().map(f -> f.parsed().value()).distinct().count() == 1) {
            return Optional.of(mentioned.get(0).parsed().times(0.92));
        }
        String writtenHead = normalize(head);
        String best = null;
        double bestScore = 0;
        boolean tie = false;
        for (String value : allowed) {
            double score = similarity(writtenHead, normalize(value));
            if (score > bestScore) {
                best = value;
                bestScore = score;
                tie = false;
            } else if (score == bestScore && score > 0) {
                tie = true;
            }
        }
        return best == null || tie || bestScore < 0.6 ? Optional.empty()
                : Optional.of(new Parsed(TextNode.valueOf(best), bestScore));
    }

    /** Allowed values written as whole words in a text. */
    public static List<Found> find(String text, List<String> allowed) {
        List<Found> found = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        boolean aligned = lower.length() == text.length();
        for (String value : allowed) {
            String word = value.toLowerCase(Locale.ROOT);
            if (aligned && word.chars().allMatch(Character::isLetterOrDigit)) {
                words(lower, word, value, found);
                continue;
            }
            Matcher matcher = pattern(value).matcher(text);
            while (matcher.find()) {
                found.add(new Found(matcher.start(), matcher.end(), new Parsed(TextNode.valueOf(value), 1.0)));
            }
        }
        found.sort(java.util.Comparator.comparingInt(Found::start));
        return found;
    }

    /** Each whole-word occurrence of a one-word value in the lower-cased text (a plain search: no regex per value). */
    private static void words(String lower, String word, String value, List<Found> found) {
        for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
            int end = at + word.length();
            boolean startOk = at == 0 || !Character.isLetterOrDigit(lower.charAt(at - 1)) && lower.charAt(at - 1) != '_'
                    && lower.charAt(at - 1) != '-';
            boolean endOk = end == lower.length() || !Character.isLetterOrDigit(lower.charAt(end)) && lower.charAt(end) != '_'
                    && lower.charAt(end) != '-';
            if (startOk && endOk) {
                found.add(new Found(at, end, new Parsed(TextNode.valueOf(value), 1.0)));
            }
        }
    }

    private static Pattern pattern(String value) {
        Pattern pattern = PATTERNS.get(value);
        if (pattern == null) {
            if (PATTERNS.size() > 10_000) {
                PATTERNS.clear(); // schemas are few; this only bounds the memory a stream of odd ones could take
            }
            pattern = Pattern.compile("(?<![\\w-])" + Pattern.quote(value).replace(" ", "\\E[\\s_-]+\\Q") + "(?![\\w-])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            PATTERNS.put(value, pattern);
        }
        return pattern;
    }

    /** 1 for equal, a prefix of at least 3 letters scores by how much it covers, else edit distance. */
    static double similarity(String written, String value) {
        if (written.length() >= 3 && value.startsWith(written)) {
            return 0.75 + 0.2 * written.length() / value.length();
        }
        int distance = distance(written, value);
        int allowed = Math.max(1, value.length() / 4);
        return distance > allowed ? 0 : 0.9 - 0.1 * distance;
    }

    static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
    }

    /** Optimal string alignment distance (a swap of neighbours is one typo). */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
