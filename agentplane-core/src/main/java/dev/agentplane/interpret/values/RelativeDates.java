package dev.agentplane.interpret.values;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** "today", "tomorrow", "in 3 days", "2 weeks ago", "next monday" (and a few words in German, French, Spanish). */
final class RelativeDates {
    private static final Map<String, Integer> DAY_WORDS = Map.ofEntries(Map.entry("today", 0), Map.entry("tomorrow", 1),
            Map.entry("yesterday", -1), Map.entry("heute", 0), Map.entry("morgen", 1), Map.entry("gestern", -1),
            Map.entry("übermorgen", 2), Map.entry("aujourd'hui", 0), Map.entry("demain", 1), Map.entry("hoy", 0),
            Map.entry("mañana", 1), Map.entry("ayer", -1), Map.entry("day after tomorrow", 2),
            Map.entry("day before yesterday", -2), Map.entry("après-demain", 2), Map.entry("pasado mañana", 2));
    private static final Pattern WORDS = Pattern.compile(
            "(?<![\\w'])(?:the\\s+)?(day after tomorrow|day before yesterday|today|tomorrow|yesterday|übermorgen|heute|morgen|gestern"
                    + "|aujourd'hui|après-demain|demain|pasado mañana|hoy|mañana|ayer)(?![\\w'])");
    private static final Pattern OFFSET = Pattern.compile(
            "\\b(?:in\\s+(?<n1>\\d+|a|an|one|two|three|four|five|six|seven|ten)\\s+(?<u1>day|week|month|year)s?"
                    + "|(?<n2>\\d+|a|an|one|two|three|four|five|six|seven|ten)\\s+(?<u2>day|week|month|year)s?\\s+(?<dir>ago|from now|later))\\b");
    private static final Pattern WEEKDAY = Pattern.compile(
            "\\b(?<which>next|last|this|coming|on)\\s+(?<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b");
    private static final Map<String, Integer> SMALL = Map.of("a", 1, "an", 1, "one", 1, "two", 2, "three", 3, "four", 4,
            "five", 5, "six", 6, "seven", 7, "ten", 10);

    private static final List<String> DAY_WORD_STEMS = List.of("today", "tomorrow", "yesterday", "heute", "morgen", "gestern",
            "aujourd", "demain", "hoy", "mañana", "ayer");
    private static final List<String> UNITS = List.of("day", "week", "month", "year");
    private static final java.util.Set<String> DAY_ANCHORS = java.util.Set.of("today", "tomorrow", "yesterday", "heute", "morgen",
            "gestern", "übermorgen", "aujourd", "demain", "hoy", "mañana", "ayer");
    private static final java.util.Set<String> UNIT_WORDS = java.util.Set.of("day", "days", "week", "weeks", "month", "months",
            "year", "years");
    private static final java.util.Set<String> WEEKDAYS = java.util.Set.of("monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday");

    private RelativeDates() {}

    /**
     * The patterns are written in lower case and read the lower-cased text (cheaper than matching ignoring case at
     * every position); the rare text whose lower case changes its length is read with case-insensitive copies.
     */
    static List<Found> find(String original, InterpretOptions options) {
        String lower = original.toLowerCase(Locale.ROOT);
        boolean aligned = lower.length() == original.length();
        String text = aligned ? lower : original;
        Pattern wordsPattern = aligned ? WORDS : ignoringCase(WORDS);
        Pattern offsetPattern = aligned ? OFFSET : ignoringCase(OFFSET);
        Pattern weekdayPattern = aligned ? WEEKDAY : ignoringCase(WEEKDAY);
        LocalDate today = options.referenceTime().atZone(options.zone()).toLocalDate();
        List<Found> found = new ArrayList<>();
        List<int[]> dayWords = mentionsAny(lower, DAY_WORD_STEMS) ? Regions.words(text, 3, 10, DAY_ANCHORS::contains) : List.of();
        for (java.util.regex.MatchResult words : Regions.near(wordsPattern, text, dayWords, 20, 4)) {
            String word = words.group(1).toLowerCase(Locale.ROOT);
            if (word.equals("morgen") && !options.locale().getLanguage().equals("de")) {
                continue; // "Morgen" is also "morning"; only a German text means tomorrow by it
            }
            found.add(found(words, today.plusDays(DAY_WORDS.get(word)), 0.95));
        }
        List<int[]> units = mentionsAny(lower, UNITS) ? Regions.words(text, 3, 6, UNIT_WORDS::contains) : List.of();
        for (java.util.regex.MatchResult offset : Regions.near(offsetPattern, text, units, 16, 12)) {
            boolean ahead = offset.group("n1") != null;
            String count = ahead ? offset.group("n1") : offset.group("n2");
            String unit = (ahead ? offset.group("u1") : offset.group("u2")).toLowerCase(Locale.ROOT);
            long n = SMALL.containsKey(count.toLowerCase(Locale.ROOT)) ? SMALL.get(count.toLowerCase(Locale.ROOT)) : Long.parseLong(count);
            if (!ahead && offset.group("dir").equalsIgnoreCase("ago")) {
                n = -n;
            }
            LocalDate date = switch (unit) {
                case "day" -> today.plusDays(n);
                case "week" -> today.plusWeeks(n);
                case "month" -> today.plusMonths(n);
                default -> today.plusYears(n);
            };
            found.add(found(offset, date, 0.92));
        }
        List<int[]> weekdays = lower.contains("day") ? Regions.words(text, 6, 9, WEEKDAYS::contains) : List.of();
        for (java.util.regex.MatchResult weekday : Regions.near(weekdayPattern, text, weekdays, 8, 0)) {
            DayOfWeek day = DayOfWeek.valueOf(weekday.group("day").toUpperCase(Locale.ROOT));
            String which = weekday.group("which").toLowerCase(Locale.ROOT);
            LocalDate date = which.equals("last") ? today.with(TemporalAdjusters.previous(day))
                    : which.equals("this") || which.equals("on") ? today.with(TemporalAdjusters.nextOrSame(day))
                    : today.with(TemporalAdjusters.next(day));
            found.add(found(weekday, date, which.equals("next") || which.equals("last") ? 0.9 : 0.85));
        }
        return found;
    }

    /** A cheap look for the words the patterns need before they are run over a long text. */
    private static boolean mentionsAny(String lower, List<String> words) {
        for (String word : words) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static Pattern ignoringCase(Pattern pattern) {
        return Pattern.compile(pattern.pattern(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static Found found(java.util.regex.MatchResult matcher, LocalDate date, double quality) {
        return new Found(matcher.start(), matcher.end(), new Parsed(TextNode.valueOf(date.toString()), quality));
    }
}
