package dev.agentplane.events;

import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.ExecutionFilter;
import dev.agentplane.executions.ExecutionService;
import dev.agentplane.executions.ExecutionStats;
import dev.agentplane.tenancy.Actor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Observability in three queries whatever the page size: the page of executions, the latest events of those
 * executions, and one aggregate over all executions matching the filters.
 */
public final class ObserveService {
    /** Events shown per execution; the full trail pages through GET /v1/executions/{id}/events. */
    public static final int EVENTS_PER_EXECUTION = 100;

    private final ExecutionService executions;
    private final EventService events;

    public ObserveService(ExecutionService executions, EventService events) {
        this.executions = executions;
        this.events = events;
    }

    public Observation observe(Actor actor, ExecutionFilter filter, PageRequest page) {
        Page<Execution> runs = executions.list(actor, filter, page);
        Map<String, List<Event>> trails = new LinkedHashMap<>();
        runs.items().forEach(run -> trails.put(run.id(), new ArrayList<>()));
        for (Event event : events.latestOf(actor, List.copyOf(trails.keySet()), EVENTS_PER_EXECUTION)) {
            trails.get(event.executionId()).add(event);
        }
        ExecutionStats stats = executions.stats(actor, filter);
        List<ExecutionTrail> items = runs.items().stream()
                .map(run -> new ExecutionTrail(run, List.copyOf(trails.get(run.id()))))
                .toList();
        return new Observation(items, stats, runs.nextCursor());
    }
}
