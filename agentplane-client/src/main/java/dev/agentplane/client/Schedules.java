package dev.agentplane.client;

import dev.agentplane.client.model.NewSchedule;
import dev.agentplane.client.model.Schedule;
import dev.agentplane.client.model.ScheduleFire;
import dev.agentplane.client.model.ScheduleUpdate;

/** Cron schedules that start executions: {@code client.schedules()}. */
public final class Schedules {
    private final Transport transport;

    Schedules(Transport transport) {
        this.transport = transport;
    }

    @Operation("createSchedule")
    public Schedule create(NewSchedule schedule) {
        return transport.send(Call.post("/v1/schedules").json(schedule), Schedule.class);
    }

    public Paged<Schedule> list() {
        return list(Query.NONE);
    }

    /** Filters: {@code workflow}, {@code paused}; and {@code limit}, {@code cursor}. */
    @Operation("listSchedules")
    public Paged<Schedule> list(Query query) {
        return transport.paged(Call.get("/v1/schedules").query(query), Schedule.class);
    }

    @Operation("getSchedule")
    public Schedule get(String scheduleId) {
        return transport.send(Call.get(Call.path("v1", "schedules", scheduleId)), Schedule.class);
    }

    @Operation("updateSchedule")
    public Schedule update(String scheduleId, ScheduleUpdate update) {
        return transport.send(Call.patch(Call.path("v1", "schedules", scheduleId)).json(update), Schedule.class);
    }

    @Operation("deleteSchedule")
    public void delete(String scheduleId) {
        transport.sendIgnoringBody(Call.delete(Call.path("v1", "schedules", scheduleId)));
    }

    @Operation("pauseSchedule")
    public Schedule pause(String scheduleId) {
        return transport.send(Call.post(Call.path("v1", "schedules", scheduleId, "pause")), Schedule.class);
    }

    @Operation("resumeSchedule")
    public Schedule resume(String scheduleId) {
        return transport.send(Call.post(Call.path("v1", "schedules", scheduleId, "resume")), Schedule.class);
    }

    /** Its fires, the latest first: started, skipped or refused, and why. */
    @Operation("listScheduleFires")
    public Paged<ScheduleFire> fires(String scheduleId) {
        return transport.paged(Call.get(Call.path("v1", "schedules", scheduleId, "fires")), ScheduleFire.class);
    }
}
