package dev.agentplane.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.client.internal.Json;
import dev.agentplane.client.model.StateEntry;
import dev.agentplane.client.model.StateKey;
import dev.agentplane.client.model.StateWrite;
import java.util.Optional;

/** The state store, namespaced key → JSON value with a version for optimistic concurrency: {@code client.state()}. */
public final class State {
    private final Transport transport;

    State(Transport transport) {
        this.transport = transport;
    }

    /** The keys of a namespace (without values). */
    public Paged<StateKey> keys(String namespace) {
        return keys(namespace, Query.NONE);
    }

    /** Filters: {@code prefix}; and {@code limit}, {@code cursor}. */
    @Operation("listStateKeys")
    public Paged<StateKey> keys(String namespace, Query query) {
        return transport.paged(Call.get(Call.path("v1", "state", namespace)).query(query), StateKey.class);
    }

    public StateEntry put(String namespace, String key, Object value) {
        return put(namespace, key, value, StateWrite.ALWAYS);
    }

    /**
     * Writes {@code value} (anything Jackson can write). With {@link StateWrite#ifVersion} or
     * {@link StateWrite#ifAbsent()} a lost race throws {@link AgentPlaneException.PreconditionFailed}.
     */
    @Operation("putState")
    public StateEntry put(String namespace, String key, Object value, StateWrite write) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("value", Json.MAPPER.valueToTree(value));
        if (write.ttl() != null) {
            body.put("ttl_seconds", Math.max(1, write.ttl().toSeconds()));
        }
        Call call = Call.put(Call.path("v1", "state", namespace, key)).json(body);
        if (write.ifVersion() != null) {
            call.header("If-Match", "\"" + write.ifVersion() + "\"");
        }
        if (write.createOnly()) {
            call.header("If-None-Match", "*");
        }
        return transport.send(call, StateEntry.class);
    }

    /** The entry, empty when there is none (or it expired). */
    @Operation("getState")
    public Optional<StateEntry> get(String namespace, String key) {
        try {
            return Optional.of(transport.send(Call.get(Call.path("v1", "state", namespace, key)), StateEntry.class));
        } catch (AgentPlaneException.NotFound absent) {
            return Optional.empty();
        }
    }

    /** Deletes the entry; {@link AgentPlaneException.NotFound} when there was none. */
    public void delete(String namespace, String key) {
        delete(namespace, key, null);
    }

    /** Deletes the entry only if it is still at {@code ifVersion} (null: whatever its version). */
    @Operation("deleteState")
    public void delete(String namespace, String key, Long ifVersion) {
        Call call = Call.delete(Call.path("v1", "state", namespace, key));
        if (ifVersion != null) {
            call.header("If-Match", "\"" + ifVersion + "\"");
        }
        transport.sendIgnoringBody(call);
    }
}
