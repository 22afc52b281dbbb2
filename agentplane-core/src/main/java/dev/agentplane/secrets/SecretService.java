package dev.agentplane.secrets;

import dev.agentplane.audit.AuditLog;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.store.Database;
import dev.agentplane.tenancy.Actor;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Org secrets: written by admins, read back by nobody, given to workflow expressions as {@code secrets.<name>}
 * (the engine redacts their values from everything it stores).
 */
public final class SecretService {
    /** A CEL identifier, so expressions can say secrets.name. */
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    /** How long a node uses the values it decrypted for an org before reading them again. */
    private static final long CACHE_MILLIS = 5_000;

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final SecretBox box;
    private final SecretRepository secrets = new SecretRepository();
    private final ConcurrentHashMap<String, Cached> values = new ConcurrentHashMap<>();

    private record Cached(Map<String, String> values, long validUntil) {}

    public SecretService(Database database, AuditLog audit, Clock clock, SecretBox box) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.box = box;
    }

    /** Stores a secret; true when the name was new. */
    public boolean put(Actor actor, String name, PutSecret request) {
        checkName(name);
        request.validate();
        String sealed = box.seal(actor.orgId(), name, request.value());
        boolean created = database.inTransaction(tx -> {
            boolean isNew = secrets.put(tx, actor.orgId(), name, sealed, clock.millis());
            audit.record(tx, actor, isNew ? "secret.create" : "secret.update", "secret", name, Json.object().put("name", name));
            return isNew;
        });
        values.remove(actor.orgId());
        return created;
    }

    public Secret get(Actor actor, String name) {
        checkName(name);
        return database.read(sql -> secrets.find(sql, actor.orgId(), name)).orElseThrow(() -> new NotFoundException("secret", name));
    }

    public List<Secret> list(Actor actor) {
        return database.read(sql -> secrets.list(sql, actor.orgId()));
    }

    public void delete(Actor actor, String name) {
        checkName(name);
        database.inTransaction(tx -> {
            if (!secrets.delete(tx, actor.orgId(), name)) {
                throw new NotFoundException("secret", name);
            }
            audit.record(tx, actor, "secret.delete", "secret", name, Json.object().put("name", name));
            return null;
        });
        values.remove(actor.orgId());
    }

    /** The decrypted secrets of an org, by name: for the engine only. */
    public Map<String, String> valuesOf(String orgId) {
        long now = clock.millis();
        Cached cached = values.get(orgId);
        if (cached == null || cached.validUntil() <= now) {
            Map<String, String> opened = new TreeMap<>();
            database.read(sql -> secrets.sealedOf(sql, orgId))
                    .forEach(stored -> opened.put(stored.name(), box.open(orgId, stored.name(), stored.sealed())));
            cached = new Cached(Map.copyOf(opened), now + CACHE_MILLIS);
            values.put(orgId, cached);
        }
        return cached.values();
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw InvalidInputException.parameter("name", "'" + name + "' is not a secret name",
                    "use letters, digits and '_', starting with a letter or '_', at most 64 characters, so expressions can say secrets.<name>");
        }
    }
}
