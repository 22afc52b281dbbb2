package dev.agentplane.state;

import dev.agentplane.audit.AuditLog;
import dev.agentplane.common.Json;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.common.problems.PayloadTooLargeException;
import dev.agentplane.common.problems.PreconditionFailedException;
import dev.agentplane.store.Database;
import dev.agentplane.store.Sql;
import dev.agentplane.tenancy.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Persistent key/value state with optimistic concurrency: each write bumps the entry's version, and a write
 * may require a version ({@code If-Match}) or the entry's absence ({@code If-None-Match: *}). An entry past
 * its TTL is absent everywhere; {@link StatePurger} deletes its row later.
 */
public final class StateService {
    /** The largest value, measured as the UTF-8 bytes of its JSON text. */
    public static final int MAX_VALUE_BYTES = 1024 * 1024;

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final StateRepository state = new StateRepository();

    public StateService(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    public StateWrite put(Actor actor, String namespace, String key, PutStateRequest request, StateCondition condition) {
        StateNames.check("namespace", namespace);
        StateNames.check("key", key);
        request.validate();
        String value = Json.write(request.value());
        long size = utf8Length(value);
        if (size > MAX_VALUE_BYTES) {
            throw new PayloadTooLargeException("the value", MAX_VALUE_BYTES, size);
        }
        long now = clock.millis();
        Long expiresAt = request.ttlSeconds() == null ? null : now + request.ttlSeconds() * 1000L;
        return database.inTransaction(tx -> {
            StateRepository.Written written = write(tx, actor.orgId(), namespace, key, value, expiresAt, condition, now);
            StateEntry entry = new StateEntry(namespace, key, value, written.version(), instant(expiresAt),
                    Instant.ofEpochMilli(written.createdAt()), Instant.ofEpochMilli(now));
            boolean created = written.version() == 1;
            audit.record(tx, actor, created ? "state.create" : "state.update", "state", resourceId(namespace, key),
                    details(namespace, key, written.version(), size, request.ttlSeconds()));
            return new StateWrite(entry, created);
        });
    }

    public StateEntry get(Actor actor, String namespace, String key) {
        StateNames.check("namespace", namespace);
        StateNames.check("key", key);
        long now = clock.millis();
        return database.read(sql -> state.find(sql, actor.orgId(), namespace, key, now))
                .orElseThrow(() -> notFound(namespace, key));
    }

    /** Deletes the entry; with {@code If-Match} only if its version matches ({@code If-None-Match} is refused). */
    public void delete(Actor actor, String namespace, String key, StateCondition condition) {
        StateNames.check("namespace", namespace);
        StateNames.check("key", key);
        Long expected = switch (condition) {
            case StateCondition.VersionIs versionIs -> versionIs.version();
            case StateCondition.Always always -> null;
            case StateCondition.Exists exists -> null;
            case StateCondition.Absent absent -> throw InvalidInputException.parameter("If-None-Match",
                    "does not apply to a delete", "leave If-None-Match out; send If-Match to delete only a known version");
        };
        long now = clock.millis();
        database.inTransaction(tx -> {
            if (!state.delete(tx, actor.orgId(), namespace, key, expected, now)) {
                Long current = state.liveVersion(tx, actor.orgId(), namespace, key, now)
                        .orElseThrow(() -> notFound(namespace, key));
                throw versionMismatch(namespace, key, expected, current);
            }
            audit.record(tx, actor, "state.delete", "state", resourceId(namespace, key),
                    Map.of("namespace", namespace, "key", key));
            return null;
        });
    }

    public Page<StateKey> list(Actor actor, String namespace, String prefix, PageRequest page) {
        StateNames.check("namespace", namespace);
        String checkedPrefix = StateNames.prefix(prefix);
        long now = clock.millis();
        return database.read(sql -> state.list(sql, actor.orgId(), namespace, checkedPrefix, page, now));
    }

    private StateRepository.Written write(Sql tx, String orgId, String namespace, String key, String value,
                                          Long expiresAt, StateCondition condition, long now) {
        return switch (condition) {
            case StateCondition.Always always -> state.upsert(tx, orgId, namespace, key, value, expiresAt, now);
            case StateCondition.Absent absent -> state.insertIfAbsent(tx, orgId, namespace, key, value, expiresAt, now)
                    .orElseThrow(() -> alreadyExists(tx, orgId, namespace, key, now));
            case StateCondition.Exists exists -> state.replace(tx, orgId, namespace, key, value, expiresAt, null, now)
                    .orElseThrow(() -> doesNotExist(namespace, key));
            case StateCondition.VersionIs versionIs ->
                    state.replace(tx, orgId, namespace, key, value, expiresAt, versionIs.version(), now)
                            .orElseThrow(() -> state.liveVersion(tx, orgId, namespace, key, now)
                                    .map(current -> versionMismatch(namespace, key, versionIs.version(), current))
                                    .orElseGet(() -> doesNotExist(namespace, key)));
        };
    }

    private PreconditionFailedException alreadyExists(Sql tx, String orgId, String namespace, String key, long now) {
        Optional<Long> current = state.liveVersion(tx, orgId, namespace, key, now);
        return new PreconditionFailedException("state entry '" + resourceId(namespace, key) + "' already exists"
                + current.map(v -> " at version " + v).orElse("")
                + ": drop If-None-Match to replace it, or send If-Match with its ETag",
                current.<Map<String, Object>>map(v -> Map.of("current_version", v)).orElse(Map.of()));
    }

    private static PreconditionFailedException versionMismatch(String namespace, String key, Long expected,
                                                              long current) {
        return new PreconditionFailedException("state entry '" + resourceId(namespace, key) + "' is at version "
                + current + ", not " + expected + ": read it again, apply your change to the current value and "
                + "retry with If-Match: " + StateCondition.etag(current), Map.of("current_version", current));
    }

    private static PreconditionFailedException doesNotExist(String namespace, String key) {
        return new PreconditionFailedException("state entry '" + resourceId(namespace, key) + "' does not exist "
                + "(or has expired), so If-Match cannot hold: drop If-Match to create it, or send If-None-Match: *",
                Map.of());
    }

    private static NotFoundException notFound(String namespace, String key) {
        return NotFoundException.withDetail("no state entry '" + resourceId(namespace, key)
                + "' exists in this organization (or it has expired); check the namespace and key, or list the keys"
                + " with GET /v1/state/" + namespace);
    }

    private static String resourceId(String namespace, String key) {
        return namespace + "/" + key;
    }

    private static Map<String, Object> details(String namespace, String key, long version, long size, Integer ttl) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("namespace", namespace);
        details.put("key", key);
        details.put("version", version);
        details.put("size_bytes", size);
        if (ttl != null) {
            details.put("ttl_seconds", ttl);
        }
        return details;
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /** The UTF-8 length of {@code text} without encoding it (values may be a megabyte). */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
