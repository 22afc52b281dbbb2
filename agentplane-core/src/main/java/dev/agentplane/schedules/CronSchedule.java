package dev.agentplane.schedules;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Unix cron expression read in an IANA time zone, and the instants it fires at.
 *
 * <p>The dialect is the 5-field crontab of Unix (minute, hour, day of month, month, day of week; {@code *}, lists,
 * ranges, steps, the names JAN-DEC and SUN-SAT, 0 or 7 for Sunday; a day matching either day field when both are
 * restricted) plus the shortcuts {@link #SHORTCUTS}. Quartz extensions (seconds, years, {@code ? L W #}) are not.
 *
 * <p>Times are matched on the zone's wall clock. On daylight-saving days: a wall-clock time that spring-forward
 * skips fires when the clock has jumped by the gap (02:30 in a 02:00→03:00 gap fires at 03:30), so no day is lost;
 * a time that fall-back repeats fires once, at its first occurrence, except in expressions whose hour field is
 * {@code *}, which follow real time and fire in both occurrences of the repeated hour (an hourly job stays hourly).
 */
public final class CronSchedule {
    public static final Map<String, String> SHORTCUTS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    static final String EXAMPLE = "write 5 fields, minute hour day-of-month month day-of-week, e.g. '0 9 * * MON-FRI', "
            + "or a shortcut: @hourly, @daily, @weekly, @monthly, @yearly";
    public static final int MAX_LENGTH = 200;
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Pattern INVALID_CHARS = Pattern.compile("Invalid chars: (.*)$");
    private static final Pattern OUT_OF_RANGE = Pattern.compile("Value (-?\\d+) not in range \\[(\\d+), (\\d+)]");
    private static final List<String> FIELD_NAMES = List.of("minute", "hour", "day-of-month", "month", "day-of-week");
    /** Offset changes this close to an instant can reorder the wall-clock times around it. */
    private static final Duration TRANSITION_WINDOW = Duration.ofDays(1);
    private static final int MAX_CANDIDATES = 10_000;

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime wallClock;
    private final boolean followsRealTime;

    private CronSchedule(String expression, ZoneId zone, Cron cron) {
        this.expression = expression;
        this.zone = zone;
        this.wallClock = ExecutionTime.forCron(cron);
        this.followsRealTime = cron.retrieve(CronFieldName.HOUR).getExpression() instanceof Always;
    }

    /** The schedule of {@code expression} in {@code zone}; a {@link TimingException} says what is wrong with it. */
    public static CronSchedule parse(String expression, ZoneId zone) {
        if (expression == null || expression.isBlank()) {
            throw new TimingException(expression == null ? "is required" : "is empty", EXAMPLE);
        }
        if (expression.length() > MAX_LENGTH) {
            throw new TimingException("is " + expression.length() + " characters long; the maximum is " + MAX_LENGTH, EXAMPLE);
        }
        String trimmed = expression.trim();
        String fields = trimmed.startsWith("@") ? shortcut(trimmed) : trimmed;
        String[] parts = fields.split("\\s+");
        if (parts.length != 5) {
            throw new TimingException("has " + parts.length + " field" + (parts.length == 1 ? "" : "s")
                    + (parts.length > 5 ? "; seconds and years are not supported" : "") + "; a cron expression has 5",
                    EXAMPLE);
        }
        CronSchedule schedule = new CronSchedule(trimmed, zone, cron(parts));
        if (schedule.wallClock.nextExecution(ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)).isEmpty()) {
            throw new TimingException("never fires: no date matches it (such as 30 February)",
                    "choose days that exist in the months you name");
        }
        return schedule;
    }

    private static String shortcut(String name) {
        String fields = SHORTCUTS.get(name.toLowerCase(java.util.Locale.ROOT));
        if (fields == null) {
            throw new TimingException("'" + name + "' is not a shortcut", "use one of @hourly, @daily (@midnight), "
                    + "@weekly, @monthly, @yearly (@annually), or write 5 fields, e.g. '*/10 * * * *' for every 10 minutes");
        }
        return fields;
    }

    private static Cron cron(String[] parts) {
        try {
            Cron cron = PARSER.parse(String.join(" ", parts));
            cron.validate();
            return cron;
        } catch (IllegalArgumentException whole) {
            // cron-utils does not say which field it refused: find it by parsing each field alone.
            for (int i = 0; i < parts.length; i++) {
                String[] alone = {"*", "*", "*", "*", "*"};
                alone[i] = parts[i];
                try {
                    PARSER.parse(String.join(" ", alone)).validate();
                } catch (IllegalArgumentException field) {
                    throw new TimingException("has an invalid " + FIELD_NAMES.get(i) + " field '" + parts[i] + "': "
                            + reason(field), fixFor(i));
                }
            }
            throw new TimingException("is not valid: " + reason(whole), EXAMPLE);
        }
    }

    /** cron-utils' message, in the words of the rest of the API. */
    private static String reason(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage()).replace("Failed to parse cron expression. ", "");
        Matcher invalidChars = INVALID_CHARS.matcher(message);
        if (invalidChars.find()) {
            return "'" + invalidChars.group(1).trim() + "' is not a number or a name this field knows";
        }
        Matcher outOfRange = OUT_OF_RANGE.matcher(message);
        if (outOfRange.find()) {
            return outOfRange.group(1) + " is outside " + outOfRange.group(2) + "-" + outOfRange.group(3);
        }
        if (message.startsWith("Invalid expression: ")) {
            return "'" + message.substring("Invalid expression: ".length()) + "' is not supported";
        }
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    private static String fixFor(int field) {
        return switch (field) {
            case 0 -> "use minutes 0-59, e.g. 0, */15 or 0,30";
            case 1 -> "use hours 0-23, e.g. 9, 9-17 or */2";
            case 2 -> "use days 1-31, e.g. 1 or 1,15 (L, W and ? of Quartz are not supported)";
            case 3 -> "use months 1-12 or JAN-DEC, e.g. 1 or JAN-MAR";
            default -> "use days 0-7 (0 and 7 are Sunday) or SUN-SAT, e.g. MON-FRI (# and L of Quartz are not supported)";
        };
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first instant strictly after {@code after} at which the schedule fires; empty if it never fires again. */
    public Optional<Instant> nextAfter(Instant after) {
        // Wall-clock candidates are visited in order. Near an offset change the instants they map to are out of
        // order by at most the change, so the search starts that much earlier and runs that much past the best.
        LocalDateTime candidate = LocalDateTime.ofInstant(after, zone).minus(offsetChangeNear(after));
        Instant best = null;
        LocalDateTime stopAfter = null;
        for (int i = 0; i < MAX_CANDIDATES; i++) {
            Optional<LocalDateTime> next = nextWallClockTime(candidate);
            if (next.isEmpty() || (stopAfter != null && next.get().isAfter(stopAfter))) {
                break;
            }
            candidate = next.get();
            for (Instant instant : instantsOf(candidate)) {
                if (instant.isAfter(after) && (best == null || instant.isBefore(best))) {
                    best = instant;
                    stopAfter = LocalDateTime.ofInstant(best, zone).plus(offsetChangeNear(best));
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private Optional<LocalDateTime> nextWallClockTime(LocalDateTime after) {
        return wallClock.nextExecution(after.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime);
    }

    /** When a wall-clock time fires: once; in a gap, shifted by the gap; in an overlap, see the class comment. */
    private List<Instant> instantsOf(LocalDateTime time) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(time);
        if (offsets.size() == 1) {
            return List.of(time.toInstant(offsets.get(0)));
        }
        ZoneOffsetTransition transition = rules.getTransition(time);
        if (transition.isGap()) {
            return List.of(time.plus(transition.getDuration()).toInstant(transition.getOffsetAfter()));
        }
        Instant first = time.toInstant(transition.getOffsetBefore());
        return followsRealTime ? List.of(first, time.toInstant(transition.getOffsetAfter())) : List.of(first);
    }

    /** The largest offset change of the zone within a day of {@code instant} (zero for fixed zones such as UTC). */
    private Duration offsetChangeNear(Instant instant) {
        ZoneRules rules = zone.getRules();
        Duration largest = Duration.ZERO;
        Instant from = instant.minus(TRANSITION_WINDOW);
        ZoneOffsetTransition transition = rules.previousTransition(instant.plus(TRANSITION_WINDOW));
        while (transition != null && transition.getInstant().isAfter(from)) {
            Duration change = transition.getDuration().abs();
            if (change.compareTo(largest) > 0) {
                largest = change;
            }
            transition = rules.previousTransition(transition.getInstant());
        }
        return largest;
    }

    @Override
    public String toString() {
        return expression + " (" + zone + ")";
    }
}
