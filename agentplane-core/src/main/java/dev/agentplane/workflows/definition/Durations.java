package dev.agentplane.workflows.definition;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as authors write them: "500ms", "30s", "5m", "2h", "1d", ISO-8601 "PT30S", or a number of seconds. */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    public static final String EXAMPLES = "e.g. 500ms, 30s, 5m, 2h, 1d or PT30S";

    private Durations() {}

    /** The duration, or null when the text is not one. */
    public static Duration parse(String text) {
        Matcher m = SHORT.matcher(text.trim());
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                Duration duration = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                duration.toMillis(); // durations are used in milliseconds: beyond that range is not a duration
                return duration;
            }
            Duration duration = Duration.parse(text.trim());
            duration.toMillis();
            return duration;
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            return null;
        }
    }
}
