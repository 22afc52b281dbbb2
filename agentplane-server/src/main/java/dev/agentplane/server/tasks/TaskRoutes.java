package dev.agentplane.server.tasks;

import dev.agentplane.server.http.ApiRouter;
import dev.agentplane.server.http.Bodies;
import dev.agentplane.server.http.Queries;
import dev.agentplane.server.http.RequestContext;
import dev.agentplane.server.http.Responses;
import dev.agentplane.tasks.ClaimTask;
import dev.agentplane.tasks.Task;
import dev.agentplane.tasks.TaskFilter;
import dev.agentplane.tasks.TaskResult;
import dev.agentplane.tasks.TaskService;
import io.javalin.http.Context;
import java.util.Optional;

public final class TaskRoutes {
    private final TaskService tasks;

    private TaskRoutes(TaskService tasks) {
        this.tasks = tasks;
    }

    public static void register(ApiRouter router, TaskService tasks) {
        TaskRoutes routes = new TaskRoutes(tasks);
        router.post("/v1/tasks/claim", routes::claim)
                .get("/v1/tasks", routes::list)
                .get("/v1/tasks/{task_id}", routes::get)
                .post("/v1/tasks/{task_id}/heartbeat", routes::heartbeat)
                .post("/v1/tasks/{task_id}/complete", routes::complete)
                .post("/v1/tasks/{task_id}/fail", routes::fail);
    }

    /** 200 with the claimed task, or 204 when none came within wait_seconds. */
    private void claim(Context ctx) throws InterruptedException {
        Optional<Task> task = tasks.claim(RequestContext.actor(ctx), Bodies.optional(ctx, ClaimTask.class));
        if (task.isPresent()) {
            ctx.json(task.get());
        } else {
            ctx.status(204);
        }
    }

    private void list(Context ctx) {
        TaskFilter filter = new TaskFilter(Queries.string(ctx, "status"), Queries.string(ctx, "capability"),
                Queries.id(ctx, "execution_id"));
        Responses.page(ctx, tasks.list(RequestContext.actor(ctx), filter, Queries.page(ctx)));
    }

    private void get(Context ctx) {
        ctx.json(tasks.get(RequestContext.actor(ctx), Queries.pathId(ctx, "task_id")));
    }

    private void heartbeat(Context ctx) {
        String id = Queries.pathId(ctx, "task_id");
        ctx.json(tasks.heartbeat(RequestContext.actor(ctx), id, Bodies.optional(ctx, TaskResult.Heartbeat.class)));
    }

    private void complete(Context ctx) {
        String id = Queries.pathId(ctx, "task_id");
        ctx.json(tasks.complete(RequestContext.actor(ctx), id, Bodies.optional(ctx, TaskResult.Complete.class)));
    }

    private void fail(Context ctx) {
        String id = Queries.pathId(ctx, "task_id");
        ctx.json(tasks.fail(RequestContext.actor(ctx), id, Bodies.required(ctx, TaskResult.Fail.class)));
    }
}
