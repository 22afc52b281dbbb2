package dev.agentplane.cli.remote;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Durations as people type them: 90s, 15m, 2h, 7d, or ISO-8601 such as PT1H30M. */
final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {}

    static Duration parse(String option, String text, CommandLine command) {
        Matcher short_ = SHORT.matcher(text.strip());
        if (short_.matches()) {
            long amount = Long.parseLong(short_.group(1));
            return switch (short_.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ParameterException(command, option + ": '" + text
                    + "' is not a duration; write 90s, 15m, 2h, 7d or ISO-8601 such as PT1H30M");
        }
    }
}
