package dev.agentplane.client;

import dev.agentplane.client.model.Event;
import dev.agentplane.client.model.NewEvent;
import dev.agentplane.client.model.StreamedEvent;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Events of the organization: record one on an execution, or follow them all live: {@code client.events()}. */
public final class Events {
    private final Transport transport;

    Events(Transport transport) {
        this.transport = transport;
    }

    @Operation("createEvent")
    public Event record(NewEvent event) {
        return transport.send(Call.post("/v1/events").json(event), Event.class);
    }

    /**
     * The organization's events live over the {@code /v1/stream} WebSocket, matching the filters {@code workflow},
     * {@code execution_id}, {@code type} (a prefix); {@code after} (a {@link StreamedEvent#cursor()}) resumes after
     * that event, {@code after=0} replays every stored event first. The stream ends when the server closes the
     * socket; close it to stop.
     */
    @Operation("streamEvents")
    public Stream<StreamedEvent> stream(Query filters) {
        EventSocket socket = EventSocket.open(transport, filters);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(socket, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(socket::close);
    }
}
