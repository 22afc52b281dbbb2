package dev.agentplane.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.agentplane.executions.Execution;
import java.util.List;

/** An execution with its latest events, oldest first; serialized as the execution's fields plus {@code events}. */
public record ExecutionTrail(@JsonUnwrapped Execution execution, List<Event> events) {}
