package dev.agentplane.executions.engine;

import dev.agentplane.escalations.EscalationService;
import dev.agentplane.executions.ExecutionService;
import dev.agentplane.handoffs.HandoffService;
import dev.agentplane.interpret.InterpretService;
import dev.agentplane.tasks.TaskService;

/**
 * The services waiting steps open work in, and the interpreter of interpret steps. They are built after the engine (they depend on executions, which
 * depend on the engine), so they are handed to it once, by {@link Engine#connect}.
 */
public record Collaborators(EscalationService escalations, HandoffService handoffs, TaskService tasks,
                            ExecutionService executions, InterpretService interpret) {}
