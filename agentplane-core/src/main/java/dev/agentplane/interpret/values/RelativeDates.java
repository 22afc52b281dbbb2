package dev.agentplane.interpret.values;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
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
                    + "|aujourd'hui|après-demain|demain|pasado mañana|hoy|mañana|ayer)(?![\\w'])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern OFFSET = Pattern.compile(
            "\\b(?:in\\s+(?<n1>\\d+|a|an|one|two|three|four|five|six|seven|ten)\\s+(?<u1>day|week|month|year)s?"
                    + "|(?<n2>\\d+|a|an|one|two|three|four|five|six|seven|ten)\\s+(?<u2>day|week|month|year)s?\\s+(?<dir>ago|from now|later))\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WEEKDAY = Pattern.compile(
            "\\b(?<which>next|last|this|coming|on)\\s+(?<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Map<String, Integer> SMALL = Map.of("a", 1, "an", 1, "one", 1, "two", 2, "three", 3, "four", 4,
            "five", 5, "six", 6, "seven", 7, "ten", 10);

    private RelativeDates() {}

    static List<Found> find(String text, InterpretOptions options) {
        LocalDate today = options.referenceTime().atZone(options.zone()).toLocalDate();
        List<Found> found = new ArrayList<>();
        Matcher words = WORDS.matcher(text);
        while (words.find()) {
            String word = words.group(1).toLowerCase(Locale.ROOT);
            if (word.equals("morgen") && !options.locale().getLanguage().equals("de")) {
                continue; // "Morgen" is also "morning"; only a German text means tomorrow by it
            }
            found.add(found(words, today.plusDays(DAY_WORDS.get(word)), 0.9));
        }
        Matcher offset = OFFSET.matcher(text);
        while (offset.find()) {
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
            found.add(found(offset, date, 0.85));
        }
        Matcher weekday = WEEKDAY.matcher(text);
        while (weekday.find()) {
            DayOfWeek day = DayOfWeek.valueOf(weekday.group("day").toUpperCase(Locale.ROOT));
            String which = weekday.group("which").toLowerCase(Locale.ROOT);
            LocalDate date = which.equals("last") ? today.with(TemporalAdjusters.previous(day))
                    : which.equals("this") || which.equals("on") ? today.with(TemporalAdjusters.nextOrSame(day))
                    : today.with(TemporalAdjusters.next(day));
            found.add(found(weekday, date, which.equals("next") || which.equals("last") ? 0.8 : 0.75));
        }
        return found;
    }

    private static Found found(Matcher matcher, LocalDate date, double quality) {
        return new Found(matcher.start(), matcher.end(), new Parsed(TextNode.valueOf(date.toString()), quality));
    }
}
