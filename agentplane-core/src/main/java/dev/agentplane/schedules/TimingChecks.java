package dev.agentplane.schedules;

import dev.agentplane.workflows.definition.DefinitionParser;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The checks of a schedule's cron expression and time zone, for the API and for {@code schedule:} in definitions. */
public final class TimingChecks {
    private TimingChecks() {}

    /** The zone named {@code timezone}, or null after reporting at {@code pointer} why it is not one. */
    public static ZoneId zone(String timezone, String pointer, DefinitionParser.Problems problems) {
        try {
            return TimeZones.parse(timezone);
        } catch (TimingException e) {
            problems.add(pointer, e.detail(), e.fix());
            return null;
        }
    }

    /** Reports at {@code pointer} what is wrong with {@code cron} (read in {@code zone}, UTC if null), if anything. */
    public static void cron(String cron, ZoneId zone, String pointer, DefinitionParser.Problems problems) {
        try {
            CronSchedule.parse(cron, zone == null ? ZoneOffset.UTC : zone);
        } catch (TimingException e) {
            boolean quotable = cron != null && !cron.isBlank() && cron.length() <= CronSchedule.MAX_LENGTH;
            problems.add(pointer, (quotable ? "'" + cron + "' " : "") + e.detail(), e.fix());
        }
    }
}
