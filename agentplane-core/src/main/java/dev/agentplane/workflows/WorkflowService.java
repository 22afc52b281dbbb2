package dev.agentplane.workflows;

import dev.agentplane.workflows.definition.DefinitionParser;
import dev.agentplane.workflows.definition.WorkflowDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.audit.AuditLog;
import dev.agentplane.common.Ids;
import dev.agentplane.common.Json;
import dev.agentplane.common.Names;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.Times;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.common.problems.FieldErrors;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.common.problems.PayloadTooLargeException;
import dev.agentplane.store.Database;
import dev.agentplane.store.Sql;
import dev.agentplane.tenancy.Actor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** Versioned workflow definitions: each create adds the next immutable version of its name. */
public final class WorkflowService {
    public static final int MAX_SOURCE_BYTES = 256 * 1024;
    /** Concurrent creates of one name race for the same version number; the losers retry with the next one. */
    private static final int VERSION_ATTEMPTS = 50;

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final WorkflowRepository workflows = new WorkflowRepository();

    private final ConcurrentHashMap<String, WorkflowDefinition> definitions = new ConcurrentHashMap<>();
    private final RolloutRepository rollouts = new RolloutRepository();

    private final VersionListener versionListener;

    public WorkflowService(Database database, AuditLog audit, Clock clock, VersionListener versionListener) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.versionListener = versionListener;
    }

    /** Parses and validates {@code source}, then stores it as the next version of the workflow it names. */
    public Workflow create(Actor actor, WorkflowFormat format, String source) {
        int bytes = source.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SOURCE_BYTES) {
            throw new PayloadTooLargeException("the workflow definition", MAX_SOURCE_BYTES, bytes);
        }
        FieldErrors errors = new FieldErrors();
        ParsedDefinition parsed = DefinitionReader.read(format, source, errors);
        WorkflowDefinition parsedDefinition = DefinitionValidator.validate(parsed, errors);
        errors.throwIfAny();
        ObjectNode definition = (ObjectNode) parsed.tree();
        String name = definition.get("name").asText();
        JsonNode description = definition.get("description");
        for (int attempt = 1; ; attempt++) {
            try {
                return database.inTransaction(tx -> {
                    Workflow workflow = new Workflow(Ids.newId(), name, workflows.nextVersion(tx, actor.orgId(), name),
                            description != null && description.isTextual() ? description.asText() : null, true,
                            definition, source, Times.now(clock));
                    workflows.insert(tx, actor.orgId(), workflow);
                    audit.record(tx, actor, "workflow.create", "workflow", workflow.id(),
                            Json.object().put("name", name).put("version", workflow.version()));
                    versionListener.versionCreated(tx, actor, workflow, parsedDefinition);
                    return workflow;
                });
            } catch (Sql.UniqueViolation e) {
                if (attempt == VERSION_ATTEMPTS) {
                    throw new ConflictException("workflow '" + name + "' is being changed by many requests at once; "
                            + "retry the request");
                }
            }
        }
    }

    /** The latest active version of {@code name}. */
    public Workflow get(Actor actor, String name) {
        checkName(name);
        return database.read(sql -> workflows.latestActive(sql, actor.orgId(), name)
                .orElseThrow(() -> noActiveVersion(sql, actor, name)));
    }

    public Workflow getVersion(Actor actor, String name, int version) {
        checkName(name);
        return database.read(sql -> find(sql, actor, name, version));
    }

    public Page<Workflow> list(Actor actor, WorkflowFilter filter, PageRequest page) {
        return database.read(sql -> workflows.listLatest(sql, actor.orgId(), filter, page));
    }

    public Page<Workflow> listVersions(Actor actor, String name, PageRequest page) {
        checkName(name);
        return database.read(sql -> {
            Page<Workflow> versions = workflows.listVersions(sql, actor.orgId(), name, page);
            if (versions.items().isEmpty() && !workflows.exists(sql, actor.orgId(), name)) {
                throw new NotFoundException("workflow", name);
            }
            return versions;
        });
    }

    /** Stops a version from being started (a start pinning it gets 409); deactivating it again changes nothing. */
    public Workflow deactivate(Actor actor, String name, int version) {
        checkName(name);
        return database.inTransaction(tx -> {
            Workflow current = find(tx, actor, name, version);
            workflows.deactivate(tx, actor.orgId(), current.id());
            audit.record(tx, actor, "workflow.deactivate", "workflow", current.id(),
                    Json.object().put("name", name).put("version", version));
            return current.deactivated();
        });
    }

    /**
     * The version an execution of {@code name} runs, looked up in the caller's transaction: {@code version} if
     * given (409 when it is inactive), else the latest active one; 404 naming the workflow when there is none.
     */
    public Workflow versionToRun(Sql tx, Actor actor, String name, Integer version) {
        return versionToRun(tx, actor, name, version, null);
    }

    /**
     * As {@link #versionToRun(Sql, Actor, String, Integer)}; without a version and with a rollout, a version of the
     * rollout's active ones chosen by weight: by {@code routingKey} when given (the same key, the same version),
     * at random otherwise.
     */
    public Workflow versionToRun(Sql tx, Actor actor, String name, Integer version, String routingKey) {
        if (version == null) {
            Optional<Workflow> rolledOut = rollouts.find(tx, actor.orgId(), name)
                    .flatMap(rollout -> pick(tx, actor, rollout, routingKey));
            if (rolledOut.isPresent()) {
                return rolledOut.get();
            }
            return workflows.latestActive(tx, actor.orgId(), name).orElseThrow(() -> noActiveVersion(tx, actor, name));
        }
        Workflow pinned = find(tx, actor, name, version);
        if (!pinned.active()) {
            throw new ConflictException("version " + version + " of workflow '" + name + "' is inactive; omit version "
                    + "to run the latest active version, or create a new version", Map.of("active", false));
        }
        return pinned;
    }

    /** Splits new executions of {@code name} between versions; each version must exist and be active. */
    public Rollout setRollout(Actor actor, String name, SetRollout request) {
        request.validate();
        return database.inTransaction(tx -> {
            for (int index = 0; index < request.versions().size(); index++) {
                int i = index;
                Rollout.Share share = request.versions().get(i);
                Workflow version = workflows.find(tx, actor.orgId(), name, share.version()).orElseThrow(() ->
                        workflows.exists(tx, actor.orgId(), name) ? InvalidInputException.body("/versions/" + i + "/version",
                                "workflow '" + name + "' has no version " + share.version(), "name one of its versions")
                                : new NotFoundException("workflow", name));
                if (!version.active() && share.weight() > 0) {
                    throw InvalidInputException.body("/versions/" + i + "/version", "version " + share.version()
                            + " is inactive", "give it weight 0, or roll out an active version");
                }
            }
            Rollout rollout = new Rollout(name, List.copyOf(request.versions()), Instant.ofEpochMilli(clock.millis()));
            rollouts.put(tx, actor.orgId(), rollout);
            audit.record(tx, actor, "workflow.rollout", "workflow", name, rollout);
            return rollout;
        });
    }

    public Rollout getRollout(Actor actor, String name) {
        return database.read(sql -> rollouts.find(sql, actor.orgId(), name)).orElseThrow(() -> NotFoundException.withDetail(
                "workflow '" + name + "' has no rollout: new executions run its latest active version"));
    }

    /** Ends the split: new executions run the latest active version again. */
    public void deleteRollout(Actor actor, String name) {
        database.inTransaction(tx -> {
            if (!rollouts.delete(tx, actor.orgId(), name)) {
                throw NotFoundException.withDetail("workflow '" + name + "' has no rollout");
            }
            audit.record(tx, actor, "workflow.rollout.delete", "workflow", name, null);
            return null;
        });
    }

    private Optional<Workflow> pick(Sql tx, Actor actor, Rollout rollout, String routingKey) {
        List<Workflow> active = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (Rollout.Share share : rollout.versions()) {
            workflows.find(tx, actor.orgId(), rollout.workflow(), share.version())
                    .filter(version -> version.active() && share.weight() > 0)
                    .ifPresent(version -> {
                        active.add(version);
                        weights.add(share.weight());
                    });
        }
        int total = weights.stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return Optional.empty();
        }
        long point = routingKey == null ? java.util.concurrent.ThreadLocalRandom.current().nextLong(total)
                : Math.floorMod(stableHash(rollout.workflow() + "\n" + routingKey), total);
        for (int i = 0; i < active.size(); i++) {
            point -= weights.get(i);
            if (point < 0) {
                return Optional.of(active.get(i));
            }
        }
        return Optional.of(active.get(active.size() - 1));
    }

    /** The same on every node and across restarts (unlike String.hashCode, which is not specified to be). */
    private static long stableHash(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(digest).getLong();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The parsed definition of workflow version {@code workflowId}. Versions never change, so each is parsed once
     * per process. Throws {@link IllegalStateException} with the problems for a definition stored before today's
     * rules (it cannot run).
     */
    public WorkflowDefinition definition(Sql sql, String orgId, String workflowId) {
        WorkflowDefinition cached = definitions.get(workflowId);
        if (cached != null) {
            return cached;
        }
        Workflow workflow = workflows.findById(sql, orgId, workflowId)
                .orElseThrow(() -> new IllegalStateException("workflow version " + workflowId + " does not exist"));
        List<String> problems = new ArrayList<>();
        WorkflowDefinition parsed = DefinitionParser.parse(workflow.definition(),
                (pointer, detail, fix) -> problems.add(pointer + " " + detail + " (" + fix + ")"));
        if (parsed == null) {
            throw new IllegalStateException("version " + workflow.version() + " of workflow '" + workflow.name()
                    + "' cannot run: " + String.join("; ", problems) + ". Create a corrected version");
        }
        definitions.put(workflowId, parsed);
        return parsed;
    }

    private Workflow find(Sql sql, Actor actor, String name, int version) {
        return workflows.find(sql, actor.orgId(), name, version).orElseThrow(() -> workflows.exists(sql, actor.orgId(), name)
                ? NotFoundException.withDetail("workflow '" + name + "' has no version " + version
                        + "; list its versions at /v1/workflows/" + name + "/versions")
                : new NotFoundException("workflow", name));
    }

    private NotFoundException noActiveVersion(Sql sql, Actor actor, String name) {
        return workflows.exists(sql, actor.orgId(), name)
                ? NotFoundException.withDetail("workflow '" + name + "' has no active version; "
                        + "create a new version of it (POST /v1/workflows)")
                : new NotFoundException("workflow", name);
    }

    /** Path names that could never have been created are a 400 on the parameter, not a 404. */
    private static void checkName(String name) {
        if (name == null || name.length() > DefinitionValidator.MAX_NAME_LENGTH || !Names.NAME.matcher(name).matches()) {
            throw InvalidInputException.parameter("name", "'" + name + "' is not a valid workflow name",
                    "use letters, digits, '.', '_' and '-', starting with a letter or digit (at most 100 characters)");
        }
    }
}
