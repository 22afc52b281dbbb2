package dev.agentplane;

import dev.agentplane.agents.AgentService;
import dev.agentplane.audit.AuditLog;
import dev.agentplane.escalations.EscalationService;
import dev.agentplane.events.EventService;
import dev.agentplane.events.ObserveService;
import dev.agentplane.executions.ExecutionRepository;
import dev.agentplane.executions.ExecutionService;
import dev.agentplane.executions.engine.Collaborators;
import dev.agentplane.executions.engine.Engine;
import dev.agentplane.executions.engine.EngineSettings;
import dev.agentplane.executions.engine.StepWakeups;
import dev.agentplane.expressions.Expressions;
import dev.agentplane.handoffs.HandoffService;
import dev.agentplane.interpret.InterpretService;
import dev.agentplane.interpret.Interpreter;
import dev.agentplane.interpret.ModelExtractor;
import dev.agentplane.schedules.DefinitionSchedules;
import dev.agentplane.schedules.ScheduleService;
import dev.agentplane.schedules.Scheduler;
import dev.agentplane.state.StateService;
import dev.agentplane.store.Database;
import dev.agentplane.secrets.SecretBox;
import dev.agentplane.secrets.SecretService;
import dev.agentplane.tasks.TaskService;
import dev.agentplane.tenancy.KeyService;
import dev.agentplane.tools.ToolRegistry;
import dev.agentplane.tenancy.OrgService;
import dev.agentplane.usage.LimitService;
import dev.agentplane.usage.UsageMeter;
import dev.agentplane.workflows.WorkflowService;
import java.time.Clock;

/** Every service of AgentPlane, wired once over one database and one clock. */
public record AgentPlane(Database database, Clock clock, AuditLog audit, KeyService keys, OrgService orgs,
                         AgentService agents,
                         WorkflowService workflows, ExecutionService executions, EventService events,
                         ObserveService observe, StateService state, HandoffService handoffs,
                         EscalationService escalations, TaskService tasks, UsageMeter usage, LimitService limits,
                         Engine engine, SecretService secrets, ScheduleService schedules, Scheduler scheduler,
                         InterpretService interpret) {

    /**
     * For tests and tools: secrets are encrypted under a key made up for this process, so they do not survive it.
     * The server passes its configured key.
     */
    public static AgentPlane create(Database database, Clock clock) {
        return create(database, clock, SecretBox.ofBase64(SecretBox.newBase64Key()));
    }

    public static AgentPlane create(Database database, Clock clock, SecretBox secretBox) {
        return create(database, clock, secretBox, EngineSettings.defaults());
    }

    /** As {@link #create(Database, Clock, SecretBox)}, with the engine's workers and lease as configured. */
    public static AgentPlane create(Database database, Clock clock, SecretBox secretBox, EngineSettings engineSettings) {
        return create(database, clock, secretBox, engineSettings, ModelExtractor.NONE);
    }

    /** As above, with the language models interpret may ask (configured under {@code models:}). */
    public static AgentPlane create(Database database, Clock clock, SecretBox secretBox, EngineSettings engineSettings,
                                    ModelExtractor models) {
        AuditLog audit = new AuditLog(database, clock);
        AgentService agents = new AgentService(database, audit, clock);
        WorkflowService workflows = new WorkflowService(database, audit, clock, new DefinitionSchedules(audit, clock));
        KeyService keys = new KeyService(database, audit, clock, agents);
        OrgService orgs = new OrgService(database, audit, clock, keys);
        UsageMeter usage = new UsageMeter(database, clock);
        LimitService limits = new LimitService(database, audit, clock, usage, orgs);
        StateService state = new StateService(database, audit, clock);
        StepWakeups wakeups = new StepWakeups(clock);
        SecretService secrets = new SecretService(database, audit, clock, secretBox);
        Engine engine = new Engine(database, clock, new ExecutionRepository(), workflows, state, ToolRegistry.builtIn(),
                new Expressions(), wakeups, usage, secrets::valuesOf, engineSettings);
        ExecutionService executions = new ExecutionService(database, audit, clock, workflows, agents, limits, usage, engine);
        EventService events = new EventService(database, audit, clock, executions, agents, usage);
        HandoffService handoffs = new HandoffService(database, audit, clock, wakeups, agents, executions);
        EscalationService escalations = new EscalationService(database, audit, clock, wakeups, agents, executions);
        TaskService tasks = new TaskService(database, audit, clock, wakeups, agents, executions);
        InterpretService interpret = new InterpretService(database, usage, escalations, new Interpreter(clock, models));
        engine.connect(new Collaborators(escalations, handoffs, tasks, executions, interpret));
        Scheduler scheduler = new Scheduler(database, clock, audit, executions, orgs, engine);
        return new AgentPlane(database, clock, audit, keys, orgs, agents, workflows, executions, events,
                new ObserveService(executions, events), state, handoffs, escalations, tasks, usage, limits, engine, secrets,
                new ScheduleService(database, audit, clock, workflows, scheduler), scheduler, interpret);
    }
}
