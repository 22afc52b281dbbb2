package dev.agentplane.interpret.values;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Calendar dates as {@code YYYY-MM-DD}: ISO, numeric in the locale's order (unambiguous when a part is above 12),
 * written months in several languages, and relative words against the reference time.
 */
public final class Dates {
    /**
     * Any word stands where a month is written, and {@link Months#of} decides whether it is one: an alternation of
     * every month name in every language, matched ignoring case, costs far more at each position of a long text.
     */
    private static final String M = "(?<![\\p{L}])(?<month>\\p{L}{3,10})\\.?";
    private static final String ORDINAL = "(?i:st|nd|rd|th|er|e|º|°|ª)?\\.?";
    private static final List<Pattern> FORMS = List.of(
            Pattern.compile("(?<![\\d])(?<year>\\d{4})[-/.](?<mon>\\d{1,2})[-/.](?<day>\\d{1,2})(?![\\d])"),
            Pattern.compile("(?<![\\d./-])(?<a>\\d{1,2})[/.-](?<b>\\d{1,2})[/.-](?<year>\\d{4}|\\d{2})(?![\\d]|[/.-]\\d)"),
            Pattern.compile(M + "\\s+(?<day>\\d{1,2})" + ORDINAL + ",?\\s+(?<year>\\d{4})\\b"),
            Pattern.compile("(?<![\\d])(?<day>\\d{1,2})" + ORDINAL + "\\s*(?:of\\s+|de\\s+)?" + M + ",?\\s*(?:de\\s+|del\\s+)?'?(?<year>\\d{4})\\b"),
            Pattern.compile(M + "\\s+(?<day>\\d{1,2})" + ORDINAL + "(?![\\d:])(?!,?\\s+\\d{4})"),
            Pattern.compile("(?<![\\d])(?<day>\\d{1,2})" + ORDINAL + "\\s*(?:of\\s+|de\\s+)?" + M + "(?![\\p{L}\\d])(?!,?\\s*(?:de\\s+)?'?\\d{4})"));

    private Dates() {}

    public static Optional<Parsed> parse(String text, InterpretOptions options) {
        List<Found> found = find(text, options);
        return Found.first(found, text, 3);
    }

    /** Every date in a text, in order, overlapping readings resolved for the longest. */
    public static List<Found> find(String text, InterpretOptions options) {
        List<Found> found = new ArrayList<>();
        List<int[]> digits = Regions.digitRuns(text);
        List<int[]> months = Regions.words(text, 3, 10, word -> Months.of(word) > 0);
        for (int form = 0; form < FORMS.size(); form++) {
            List<MatchResult> matches = form < 2 ? Regions.near(FORMS.get(form), text, digits, 0, 11)
                    : Regions.near(FORMS.get(form), text, months, 12, 24);
            for (MatchResult match : matches) {
                if (form >= 2 && Months.of(match.group("month")) < 0) {
                    continue;
                }
                read(match, form, options).ifPresent(date -> found.add(new Found(match.start(), match.end(),
                        new Parsed(TextNode.valueOf(date.date().toString()), date.quality()))));
            }
        }
        found.addAll(RelativeDates.find(text, options));
        return longestFirst(found);
    }

    private record Reading(LocalDate date, double quality) {}

    private static Optional<Reading> read(MatchResult matcher, int form, InterpretOptions options) {
        try {
            return switch (form) {
                case 0 -> Optional.of(new Reading(LocalDate.of(year(matcher), integer(matcher, "mon"), integer(matcher, "day")), 1.0));
                case 1 -> numeric(matcher, options);
                case 2, 3 -> Optional.of(new Reading(LocalDate.of(year(matcher), Months.of(matcher.group("month")),
                        integer(matcher, "day")), 1.0));
                default -> Optional.of(new Reading(LocalDate.of(options.referenceTime().atZone(options.zone()).getYear(),
                        Months.of(matcher.group("month")), integer(matcher, "day")), 0.85)); // the year is the reference time's
            };
        } catch (DateTimeException | IllegalArgumentException e) {
            return Optional.empty(); // 31 February, month -1 and the like: not a date
        }
    }

    private static Optional<Reading> numeric(MatchResult matcher, InterpretOptions options) {
        int a = integer(matcher, "a"), b = integer(matcher, "b");
        int year = year(matcher);
        boolean dayFirst;
        double quality;
        if (a > 12 && b <= 12) {
            dayFirst = true;
            quality = 1.0;
        } else if (b > 12 && a <= 12) {
            dayFirst = false;
            quality = 1.0;
        } else {
            dayFirst = matcher.group().contains(".") || options.dayFirst();
            // the order is the locale's (the caller's, or en-US); dots mean day first nearly everywhere
            quality = a == b ? 1.0 : options.localeGiven() || matcher.group().contains(".") ? 0.95 : 0.85;
        }
        return Optional.of(new Reading(dayFirst ? LocalDate.of(year, b, a) : LocalDate.of(year, a, b), quality));
    }

    private static int year(MatchResult matcher) {
        String text = matcher.group("year");
        int year = Integer.parseInt(text);
        return text.length() == 2 ? (year < 70 ? 2000 + year : 1900 + year) : year;
    }

    private static int integer(MatchResult matcher, String group) {
        return Integer.parseInt(matcher.group(group));
    }

    /** Drops readings inside a longer one, keeping text order. */
    static List<Found> longestFirst(List<Found> found) {
        List<Found> kept = new ArrayList<>();
        found.stream().sorted(Comparator.comparingInt((Found f) -> f.end() - f.start()).reversed()).forEach(candidate -> {
            boolean overlaps = kept.stream().anyMatch(k -> candidate.start() < k.end() && k.start() < candidate.end());
            if (!overlaps) {
                kept.add(candidate);
            }
        });
        kept.sort(Comparator.comparingInt(Found::start));
        return kept;
    }
}
