package dev.agentplane.interpret.values;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Date and time as ISO-8601 with an offset ({@code 2024-03-03T14:30:00Z}): a date followed (or preceded) by a
 * time of day; without a written offset the time zone option applies.
 */
public final class DateTimes {
    private static final Pattern TIME = Pattern.compile(
            "(?<![\\d:])(?<h>\\d{1,2})(?:[:h](?<m>\\d{2})(?::(?<s>\\d{2})(?:[.,]\\d+)?)?)?\\s*(?<ampm>[ap]\\.?\\s?m\\.?)?"
                    + "(?:\\s*(?<zone>Z|UTC|GMT|[+-]\\d{2}:?\\d{2}|CEST|CET|EST|EDT|PST|PDT|CST|CDT|MST|MDT|BST)(?![a-zA-Z]))?(?![\\d:])",
            Pattern.CASE_INSENSITIVE);
    private static final Map<String, ZoneOffset> ZONES = Map.ofEntries(Map.entry("Z", ZoneOffset.UTC),
            Map.entry("UTC", ZoneOffset.UTC), Map.entry("GMT", ZoneOffset.UTC), Map.entry("CET", ZoneOffset.ofHours(1)),
            Map.entry("CEST", ZoneOffset.ofHours(2)), Map.entry("BST", ZoneOffset.ofHours(1)),
            Map.entry("EST", ZoneOffset.ofHours(-5)), Map.entry("EDT", ZoneOffset.ofHours(-4)),
            Map.entry("CST", ZoneOffset.ofHours(-6)), Map.entry("CDT", ZoneOffset.ofHours(-5)),
            Map.entry("MST", ZoneOffset.ofHours(-7)), Map.entry("MDT", ZoneOffset.ofHours(-6)),
            Map.entry("PST", ZoneOffset.ofHours(-8)), Map.entry("PDT", ZoneOffset.ofHours(-7)));
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final int NEAR = 24;

    private DateTimes() {}

    public static Optional<Parsed> parse(String text, InterpretOptions options) {
        List<Found> found = find(text, options);
        return Found.first(found, text, 3);
    }

    public static List<Found> find(String text, InterpretOptions options) {
        return find(text, options, Dates.find(text, options));
    }

    /** As {@link #find(String, InterpretOptions)}, with the text's dates when they are known already. */
    public static List<Found> find(String text, InterpretOptions options, List<Found> dates) {
        List<Found> found = new ArrayList<>();
        for (Found date : dates) {
            timeNear(text, date).ifPresent(time -> {
                LocalDate day = LocalDate.parse(date.parsed().value().asText());
                ZoneId zone = time.zone() != null ? time.zone() : options.zone();
                String value = day.atTime(time.time()).atZone(zone).toOffsetDateTime().format(ISO);
                found.add(new Found(Math.min(date.start(), time.start()), Math.max(date.end(), time.end()),
                        new Parsed(TextNode.valueOf(value), date.parsed().quality() * time.quality())));
            });
        }
        return found;
    }

    private record TimeOfDay(int start, int end, LocalTime time, ZoneOffset zone, double quality) {}

    private static Optional<TimeOfDay> timeNear(String text, Found date) {
        int from = date.end();
        String after = text.substring(from, Math.min(text.length(), from + NEAR));
        Matcher matcher = TIME.matcher(after);
        while (matcher.find()) {
            String between = after.substring(0, matcher.start());
            if (between.matches("(?i)[\\sT,@]*(?:at|um|à|a las|a la|,|-)?\\s*")) {
                return time(matcher, from);
            }
        }
        int start = Math.max(0, date.start() - NEAR);
        Matcher before = TIME.matcher(text.substring(start, date.start()));
        TimeOfDay last = null;
        while (before.find()) {
            String between = text.substring(start + before.end(), date.start());
            if (between.matches("(?i)[\\s,]*(?:on|am|le|el)?\\s*")) {
                last = time(before, start).orElse(null);
            }
        }
        return Optional.ofNullable(last);
    }

    private static Optional<TimeOfDay> time(Matcher matcher, int offset) {
        int hour = Integer.parseInt(matcher.group("h"));
        String ampm = matcher.group("ampm");
        if (matcher.group("m") == null && ampm == null) {
            return Optional.empty(); // a bare number is not a time
        }
        if (ampm != null) {
            boolean pm = ampm.toLowerCase(Locale.ROOT).startsWith("p");
            if (hour < 1 || hour > 12) {
                return Optional.empty();
            }
            hour = hour % 12 + (pm ? 12 : 0);
        }
        int minute = matcher.group("m") == null ? 0 : Integer.parseInt(matcher.group("m"));
        int second = matcher.group("s") == null ? 0 : Integer.parseInt(matcher.group("s"));
        if (hour > 23 || minute > 59 || second > 59) {
            return Optional.empty();
        }
        ZoneOffset zone = zone(matcher.group("zone"));
        return Optional.of(new TimeOfDay(offset + matcher.start(), offset + matcher.end(), LocalTime.of(hour, minute, second),
                zone, 1.0));
    }

    private static ZoneOffset zone(String text) {
        if (text == null) {
            return null;
        }
        ZoneOffset named = ZONES.get(text.toUpperCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        String digits = text.replace(":", "");
        return ZoneOffset.ofHoursMinutes(Integer.parseInt(digits.substring(0, 3)),
                Integer.parseInt(digits.charAt(0) + digits.substring(3, 5)));
    }
}
