package dev.agentplane.cli.testrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.AgentPlane;
import dev.agentplane.common.Cursor;
import dev.agentplane.common.Json;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.events.Event;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.ExecutionStep;
import dev.agentplane.executions.StartExecution;
import dev.agentplane.executions.engine.StepOverride;
import dev.agentplane.executions.engine.StepRun;
import dev.agentplane.state.PutStateRequest;
import dev.agentplane.state.StateCondition;
import dev.agentplane.store.Database;
import dev.agentplane.store.DatabaseSettings;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.workflows.Workflow;
import dev.agentplane.workflows.WorkflowFormat;
import dev.agentplane.workflows.definition.DefinitionParser;
import dev.agentplane.workflows.definition.Step;
import dev.agentplane.workflows.definition.WorkflowDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * {@code agentplane test}: runs a workflow definition on a throwaway SQLite store in a temporary directory, with no
 * server. The definition and the input are checked exactly as the API checks them; mocked steps return their
 * fixtures; approvals are decided by {@code --approve}/{@code --reject}; time jumps over sleeps and retry backoffs.
 */
public final class TestRun {
    private final TestOptions options;
    private final JumpingClock clock = new JumpingClock();
    private final Map<String, StepOverride> mocks = new LinkedHashMap<>();
    private Map<String, JsonNode> resolutions;
    private AgentPlane plane;
    private Actor actor;
    private WorkflowDefinition definition;

    private TestRun(TestOptions options) {
        this.options = options;
    }

    public static RunReport run(TestOptions options) {
        try {
            return new TestRun(options).run();
        } catch (UsageProblem problem) {
            return RunReport.invalid(options.file().toString(), problem);
        }
    }

    private RunReport run() {
        WorkflowFormat format = options.file().toString().endsWith(".json") ? WorkflowFormat.JSON : WorkflowFormat.YAML;
        String source = read(options.file(), "the workflow definition");
        JsonNode input = options.input();
        options.mocks().forEach((step, file) -> mocks.put(step, Mock.read(step, file)));
        resolutions = options.resolutions();
        Path directory = temporaryDirectory();
        try (Database database = Database.open(DatabaseSettings.sqlite(directory.resolve("agentplane.db")))) {
            plane = AgentPlane.create(database, clock);
            try {
                actor = admin();
                Workflow workflow = create(format, source);
                checkFlags();
                seedState();
                plane.engine().overrideSteps((execution, step) -> Optional.ofNullable(mocks.get(step.id())));
                Execution started = start(workflow, input);
                Optional<UsageProblem.Problem> blocked = drive(started.id());
                Execution ended = plane.executions().get(actor, started.id());
                return new RunReport(options.file().toString(), workflow.name(), workflow.version(),
                        blocked.isPresent() ? RunReport.BLOCKED : ended.status(), started.input(), ended.output(),
                        ended.error(), trace(ended.id()), clock.skippedMillis(), blocked.stream().toList());
            } finally {
                plane.engine().close();
            }
        } finally {
            deleteQuietly(directory);
        }
    }

    private Actor admin() {
        AtomicReference<String> key = new AtomicReference<>();
        plane.keys().bootstrap(null, key::set);
        return plane.keys().authenticate(key.get()).orElseThrow();
    }

    /** Stores the definition as the API would, so it is refused for exactly the reasons the server gives. */
    private Workflow create(WorkflowFormat format, String source) {
        try {
            Workflow workflow = plane.workflows().create(actor, format, source);
            definition = DefinitionParser.parse(workflow.definition(), (pointer, detail, fix) -> {});
            return workflow;
        } catch (ProblemException refused) {
            throw problems(refused, "");
        }
    }

    private void checkFlags() {
        List<UsageProblem.Problem> problems = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        collectIds(definition.steps(), ids);
        String known = "the workflow's steps are " + ids;
        mocks.keySet().stream().filter(id -> !ids.contains(id)).forEach(id ->
                problems.add(new UsageProblem.Problem("--mock " + id, "the workflow has no step '" + id + "'", known)));
        for (String id : decided()) {
            String flag = options.approvals().containsKey(id) ? "--approve " + id : "--reject " + id;
            if (!ids.contains(id)) {
                problems.add(new UsageProblem.Problem(flag, "the workflow has no step '" + id + "'", known));
            } else if (!definition.step(id).type().equals("approval")) {
                problems.add(new UsageProblem.Problem(flag, "step '" + id + "' is a " + definition.step(id).type()
                        + " step, not an approval", "decide approvals only; replace other steps with --mock " + id + "=<file.json>"));
            } else if (mocks.containsKey(id)) {
                problems.add(new UsageProblem.Problem(flag, "step '" + id + "' is mocked too, so nobody is asked",
                        "either mock the approval or decide it"));
            }
        }
        options.approvals().keySet().stream().filter(options.rejections()::containsKey).forEach(id -> problems.add(
                new UsageProblem.Problem("--approve " + id, "is given with --reject " + id, "approve or reject, not both")));
        if (!problems.isEmpty()) {
            throw new UsageProblem(problems);
        }
    }

    private Set<String> decided() {
        Set<String> steps = new LinkedHashSet<>(options.approvals().keySet());
        steps.addAll(options.rejections().keySet());
        return steps;
    }

    private static void collectIds(List<Step> steps, List<String> ids) {
        for (Step step : steps) {
            ids.add(step.id());
            step.body().blocks().values().forEach(block -> collectIds(block, ids));
        }
    }

    /** {@code --state-file}: {"namespace": {"key": value}} written before the execution starts. */
    private void seedState() {
        if (options.stateFile() == null) {
            return;
        }
        JsonNode state = json(read(options.stateFile(), "the state file"), "--state-file " + options.stateFile(),
                "write {\"<namespace>\": {\"<key>\": <value>}}");
        boolean namespaces = state.isObject();
        for (JsonNode namespace : state) {
            namespaces &= namespace.isObject();
        }
        if (!namespaces) {
            throw new UsageProblem("--state-file " + options.stateFile() + ": is not an object of namespaces",
                    "write {\"<namespace>\": {\"<key>\": <value>}}");
        }
        state.properties().forEach(namespace -> namespace.getValue().properties().forEach(entry -> {
            try {
                plane.state().put(actor, namespace.getKey(), entry.getKey(), new PutStateRequest(entry.getValue(), null),
                        StateCondition.ALWAYS);
            } catch (ProblemException refused) {
                throw problems(refused, "--state-file " + namespace.getKey() + "/" + entry.getKey());
            }
        }));
    }

    private Execution start(Workflow workflow, JsonNode input) {
        try {
            return plane.executions().start(actor, new StartExecution(workflow.name(), workflow.version(), null, input));
        } catch (ProblemException refused) {
            throw problems(refused, "");
        }
    }

    /**
     * Runs the execution until it ends: runs what is due, decides the approvals the flags decide, and jumps the clock
     * to the next due run. Returns the problem when a step waits for something no flag answers.
     */
    private Optional<UsageProblem.Problem> drive(String executionId) {
        while (true) {
            plane.engine().runUntilIdle();
            if (!plane.executions().get(actor, executionId).status().equals(Execution.RUNNING)) {
                return Optional.empty();
            }
            List<ExecutionStep> steps = plane.executions().steps(actor, executionId);
            boolean decided = false;
            for (ExecutionStep run : steps) {
                if (!run.status().equals(StepRun.WAITING)) {
                    continue;
                }
                Step step = definition.step(run.stepId());
                if (step.type().equals("approval")) {
                    if (!decided().contains(step.id())) {
                        return Optional.of(WaitingStep.undecided(step));
                    }
                    decided |= Approvals.decide(plane, actor, run, resolutions.get(step.id()),
                            options.rejections().get(step.id()));
                } else if (step.body().blocks().isEmpty()) {
                    return Optional.of(WaitingStep.unanswered(step));
                }
            }
            if (decided) {
                continue;
            }
            Optional<Instant> next = steps.stream().filter(run -> run.status().equals(StepRun.PENDING)).map(ExecutionStep::dueAt)
                    .min(Comparator.naturalOrder());
            if (next.isEmpty() || !next.get().isAfter(clock.instant())) {
                return Optional.of(new UsageProblem.Problem(null, "the execution is still running but nothing is due",
                        "report this with the definition: the engine left the execution without work"));
            }
            clock.jumpTo(next.get().toEpochMilli());
        }
    }

    private List<RunReport.StepTrace> trace(String executionId) {
        Map<String, List<RunReport.Retry>> retries = new LinkedHashMap<>();
        for (Event event : events(executionId)) {
            if (event.type().equals("step.retrying")) {
                long next = Instant.parse(event.data().path("next_attempt_at").asText()).toEpochMilli();
                retries.computeIfAbsent(event.data().path("step").asText(), id -> new ArrayList<>())
                        .add(new RunReport.Retry(event.data().path("attempt").asInt(), event.data().path("error").asText(),
                                Math.max(0, next - event.createdAt().toEpochMilli())));
            }
        }
        return plane.executions().steps(actor, executionId).stream().map(run -> {
            Step step = definition.step(run.stepId());
            Long duration = run.startedAt() == null || run.completedAt() == null ? null
                    : run.completedAt().toEpochMilli() - run.startedAt().toEpochMilli();
            boolean mocked = mocks.containsKey(run.stepId()) && !run.status().equals(StepRun.SKIPPED);
            return new RunReport.StepTrace(run.stepId(), run.scope(), step.type(), run.status(), run.attempt(), duration,
                    mocked, run.output(), run.errorCode(), run.error(),
                    retries.getOrDefault(run.stepId(), List.of()), WaitingStep.hint(step, run.errorCode()));
        }).toList();
    }

    private List<Event> events(String executionId) {
        List<Event> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Event> page = plane.events().list(actor, executionId, new PageRequest(PageRequest.MAX_LIMIT, Cursor.decode(cursor)));
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private static UsageProblem problems(ProblemException refused, String prefix) {
        if (refused.errors().isEmpty()) {
            return new UsageProblem(List.of(new UsageProblem.Problem(prefix, refused.detail(), null)));
        }
        return new UsageProblem(refused.errors().stream().map(e -> new UsageProblem.Problem(prefix
                + (e.pointer() != null ? e.pointer() : e.parameter()), e.detail(), e.fix())).toList());
    }

    static String read(Path file, String what) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UsageProblem(file + ": there is no such file (" + what + ")", "give the path of an existing file");
        } catch (IOException e) {
            throw new UsageProblem(file + ": cannot read " + what + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", "give the path of an existing file");
        }
    }

    static JsonNode json(String text, String where, String fix) {
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new UsageProblem(where + ": is empty", fix);
            }
            return node;
        } catch (IOException e) {
            throw new UsageProblem(where + ": is not JSON: " + e.getMessage().lines().findFirst().orElse(""), fix);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("agentplane-test-");
        } catch (IOException e) {
            throw new UncheckedIOException("creating a temporary directory for the test store failed", e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
