package dev.agentplane.server.schedules;

import dev.agentplane.schedules.Schedule;
import dev.agentplane.schedules.ScheduleFields;
import dev.agentplane.schedules.ScheduleFilter;
import dev.agentplane.schedules.ScheduleService;
import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.server.http.Bodies;
import dev.agentplane.server.http.Queries;
import dev.agentplane.server.http.RequestContext;
import dev.agentplane.server.http.Responses;
import io.javalin.http.Context;

public final class ScheduleRoutes {
    private final ScheduleService schedules;

    private ScheduleRoutes(ScheduleService schedules) {
        this.schedules = schedules;
    }

    public static void register(ApiRouter router, ScheduleService schedules) {
        ScheduleRoutes routes = new ScheduleRoutes(schedules);
        router.post("/v1/schedules", routes::create)
                .get("/v1/schedules", routes::list)
                .get("/v1/schedules/{schedule_id}", routes::get)
                .patch("/v1/schedules/{schedule_id}", routes::update)
                .delete("/v1/schedules/{schedule_id}", routes::delete)
                .post("/v1/schedules/{schedule_id}/pause", routes::pause)
                .post("/v1/schedules/{schedule_id}/resume", routes::resume)
                .get("/v1/schedules/{schedule_id}/fires", routes::fires);
    }

    private void create(Context ctx) {
        Schedule schedule = schedules.create(RequestContext.actor(ctx), Bodies.required(ctx, ScheduleFields.class));
        Responses.created(ctx, "/v1/schedules/" + schedule.id(), schedule);
    }

    private void list(Context ctx) {
        ScheduleFilter filter = new ScheduleFilter(Queries.string(ctx, "workflow"), Queries.bool(ctx, "paused"));
        Responses.page(ctx, schedules.list(RequestContext.actor(ctx), filter, Queries.page(ctx)));
    }

    private void get(Context ctx) {
        ctx.json(schedules.get(RequestContext.actor(ctx), Queries.pathId(ctx, "schedule_id")));
    }

    private void update(Context ctx) {
        String id = Queries.pathId(ctx, "schedule_id");
        ctx.json(schedules.update(RequestContext.actor(ctx), id, Bodies.object(ctx, true)));
    }

    private void delete(Context ctx) {
        schedules.delete(RequestContext.actor(ctx), Queries.pathId(ctx, "schedule_id"));
        ctx.status(204);
    }

    private void pause(Context ctx) {
        ctx.json(schedules.pause(RequestContext.actor(ctx), Queries.pathId(ctx, "schedule_id")));
    }

    private void resume(Context ctx) {
        ctx.json(schedules.resume(RequestContext.actor(ctx), Queries.pathId(ctx, "schedule_id")));
    }

    private void fires(Context ctx) {
        String id = Queries.pathId(ctx, "schedule_id");
        Responses.page(ctx, schedules.fires(RequestContext.actor(ctx), id, Queries.page(ctx)));
    }
}
