package dev.agentplane.client;

import dev.agentplane.client.internal.Json;
import dev.agentplane.client.model.ClaimTask;
import dev.agentplane.client.model.Task;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Work of {@code task} steps for external agents: claim, heartbeat, complete or fail: {@code client.tasks()}. */
public final class Tasks {
    private final Transport transport;

    Tasks(Transport transport) {
        this.transport = transport;
    }

    /** Claims an open task; with {@code waitSeconds} it long-polls that long for one. Empty when none came. */
    @Operation("claimTask")
    public Optional<Task> claim(ClaimTask claim) {
        int wait = claim.waitSeconds() == null ? 0 : claim.waitSeconds();
        HttpResponse<byte[]> response = transport.exchange(Call.post("/v1/tasks/claim").json(claim)
                .waitingUpTo(Duration.ofSeconds(wait + 5L)));
        if (response.statusCode() == 204) {
            return Optional.empty();
        }
        return Optional.of(Json.read(response.body(), Json.MAPPER.constructType(Task.class)));
    }

    public Paged<Task> list() {
        return list(Query.NONE);
    }

    /** Filters: {@code status}, {@code capability}, {@code execution_id}; and {@code limit}, {@code cursor}. */
    @Operation("listTasks")
    public Paged<Task> list(Query query) {
        return transport.paged(Call.get("/v1/tasks").query(query), Task.class);
    }

    @Operation("getTask")
    public Task get(String taskId) {
        return transport.send(Call.get(Call.path("v1", "tasks", taskId)), Task.class);
    }

    /** Extends the claim's lease (by the lease it was claimed with when {@code leaseSeconds} is null). */
    @Operation("heartbeatTask")
    public Task heartbeat(String taskId, Integer leaseSeconds) {
        Map<String, Object> body = leaseSeconds == null ? Map.of() : Map.of("lease_seconds", leaseSeconds);
        return transport.send(Call.post(Call.path("v1", "tasks", taskId, "heartbeat")).json(body), Task.class);
    }

    /** Completes the task with {@code output} (anything Jackson can write); its step goes on. */
    @Operation("completeTask")
    public Task complete(String taskId, Object output) {
        Map<String, Object> body = new HashMap<>();
        body.put("output", Json.MAPPER.valueToTree(output));
        return transport.send(Call.post(Call.path("v1", "tasks", taskId, "complete")).json(body), Task.class);
    }

    /** Fails the task; a {@code retryable} failure lets the step's retry policy try again. */
    @Operation("failTask")
    public Task fail(String taskId, String error, boolean retryable) {
        return transport.send(Call.post(Call.path("v1", "tasks", taskId, "fail"))
                .json(Map.of("error", error, "retryable", retryable)), Task.class);
    }
}
