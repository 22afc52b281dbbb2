package dev.agentplane.cli.remote;

import dev.agentplane.client.Operation;
import dev.agentplane.client.Query;
import dev.agentplane.client.model.NewSchedule;
import dev.agentplane.client.model.ScheduleUpdate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "schedules", description = "Cron schedules that start executions.")
public final class SchedulesCommand extends RemoteCommand {
    private static final Column[] COLUMNS = {Column.of("ID", "id"), Column.of("NAME", "name"), Column.of("WORKFLOW", "workflow"),
            Column.of("CRON", "cron"), Column.of("TIMEZONE", "timezone"), Column.of("PAUSED", "paused"),
            Column.of("NEXT FIRE", "next_fire_at")};

    /** The fields create and update share. */
    static final class Fields {
        @Option(names = "--workflow", paramLabel = "NAME") String workflow;
        @Option(names = "--version", paramLabel = "N", description = "Pin a version (default: the active one).") Integer version;
        @Option(names = "--cron", paramLabel = "EXPR", description = "5-field Unix cron, e.g. '0 9 * * 1-5'.") String cron;
        @Option(names = "--timezone", paramLabel = "ZONE", description = "IANA zone (default UTC).") String timezone;
        @Option(names = "--input", paramLabel = "JSON", description = "The executions' input (JSON, @file or -).") String input;
        @Option(names = "--misfire", paramLabel = "POLICY", description = "skip or run_once.") String misfire;
        @Option(names = "--paused", paramLabel = "true|false", arity = "0..1", fallbackValue = "true") Boolean paused;
    }

    @Operation("listSchedules")
    @Command(description = "Every schedule.")
    int list(@Option(names = "--workflow", paramLabel = "NAME") String workflow,
             @Option(names = "--paused", paramLabel = "true|false") Boolean paused,
             @Mixin PageOptions page) {
        var result = page.fetch(client().schedules().list(page.applyTo(Query.of("workflow", workflow, "paused", paused))));
        printer().rows(result.items(), result.nextCursor(), COLUMNS);
        return 0;
    }

    @Operation("getSchedule")
    @Command(description = "One schedule.")
    int get(@Parameters(paramLabel = "SCHEDULE_ID") String id) {
        printer().one(client().schedules().get(id));
        return 0;
    }

    @Operation("createSchedule")
    @Command(description = "Creates a schedule: create NAME --workflow W --cron '0 9 * * *'.")
    int create(@Parameters(paramLabel = "NAME") String name, @Mixin Fields fields) {
        printer().one(client().schedules().create(new NewSchedule(name, fields.workflow, fields.version, fields.cron,
                fields.timezone, json("--input", fields.input), fields.misfire, fields.paused)));
        return 0;
    }

    @Operation("updateSchedule")
    @Command(description = "Changes the fields given.")
    int update(@Parameters(paramLabel = "SCHEDULE_ID") String id,
               @Option(names = "--name") String name, @Mixin Fields fields) {
        printer().one(client().schedules().update(id, new ScheduleUpdate(name, fields.workflow, fields.version, fields.cron,
                fields.timezone, json("--input", fields.input), fields.misfire, fields.paused)));
        return 0;
    }

    @Operation("deleteSchedule")
    @Command(description = "Deletes a schedule.")
    int delete(@Parameters(paramLabel = "SCHEDULE_ID") String id) {
        client().schedules().delete(id);
        printer().note("schedule " + id + " deleted");
        return 0;
    }

    @Operation("pauseSchedule")
    @Command(description = "Stops firing until resumed.")
    int pause(@Parameters(paramLabel = "SCHEDULE_ID") String id) {
        printer().one(client().schedules().pause(id));
        return 0;
    }

    @Operation("resumeSchedule")
    @Command(description = "Fires again from the next cron time.")
    int resume(@Parameters(paramLabel = "SCHEDULE_ID") String id) {
        printer().one(client().schedules().resume(id));
        return 0;
    }

    @Operation("listScheduleFires")
    @Command(description = "When a schedule fired and which execution each fire started.")
    int fires(@Parameters(paramLabel = "SCHEDULE_ID") String id, @Mixin PageOptions page) {
        var result = page.fetch(client().schedules().fires(id));
        printer().rows(result.items(), result.nextCursor(), Column.of("FIRE AT", "fire_at"),
                Column.of("FIRED AT", "fired_at"), Column.of("STATUS", "status"), Column.of("EXECUTION", "execution_id"),
                Column.of("REASON", "reason"));
        return 0;
    }
}
