package dev.agentplane.interpret.values;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a costly pattern only near the words it needs (a month name, a job word, a legal form) instead of at every
 * position of a long text: the words are found by one cheap scan, the pattern then reads a window around each.
 */
public final class Regions {
    private Regions() {}

    /** Where the words of the text start and end, for those whose lower-cased form the test accepts. */
    public static List<int[]> words(String text, Predicate<String> wanted) {
        return words(text, 1, 24, wanted);
    }

    /** As {@link #words(String, Predicate)}, for words of {@code min} to {@code max} letters only (the others are not read). */
    public static List<int[]> words(String text, int min, int max, Predicate<String> wanted) {
        List<int[]> found = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        boolean aligned = lower.length() == text.length();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean letter = i < text.length() && Character.isLetter(text.charAt(i));
            if (letter && start < 0) {
                start = i;
            } else if (!letter && start >= 0) {
                int length = i - start;
                if (length >= min && length <= max
                        && wanted.test(aligned ? lower.substring(start, i) : text.substring(start, i).toLowerCase(Locale.ROOT))) {
                    found.add(new int[] {start, i});
                }
                start = -1;
            }
        }
        return found;
    }

    /** Where each run of digits starts and ends. */
    public static List<int[]> digitRuns(String text) {
        return runs(text, Character::isDigit);
    }

    /** Where each occurrence of a character starts and ends. */
    public static List<int[]> occurrences(String text, char c) {
        List<int[]> found = new ArrayList<>();
        for (int at = text.indexOf(c); at >= 0; at = text.indexOf(c, at + 1)) {
            found.add(new int[] {at, at + 1});
        }
        return found;
    }

    private static List<int[]> runs(String text, java.util.function.IntPredicate part) {
        List<int[]> found = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean in = i < text.length() && part.test(text.charAt(i));
            if (in && start < 0) {
                start = i;
            } else if (!in && start >= 0) {
                found.add(new int[] {start, i});
                start = -1;
            }
        }
        return found;
    }

    /** The matches of {@code pattern} in windows reaching {@code before} characters before and {@code after} after each anchor. */
    public static List<MatchResult> near(Pattern pattern, String text, List<int[]> anchors, int before, int after) {
        List<MatchResult> matches = new ArrayList<>();
        Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int from = -1, to = -1;
        for (int[] anchor : anchors) { // overlapping windows are read as one
            int start = Math.max(0, anchor[0] - before), end = Math.min(text.length(), anchor[1] + after);
            if (start <= to) {
                to = Math.max(to, end);
                continue;
            }
            search(matcher, from, to, matches);
            from = start;
            to = end;
        }
        search(matcher, from, to, matches);
        return matches;
    }

    private static void search(Matcher matcher, int from, int to, List<MatchResult> matches) {
        if (from < 0 || from >= to) {
            return;
        }
        matcher.region(from, to);
        while (matcher.find()) {
            matches.add(matcher.toMatchResult());
        }
    }
}
