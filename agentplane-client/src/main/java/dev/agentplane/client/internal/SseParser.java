package dev.agentplane.client.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads Server-Sent Events (the WHATWG format) from a stream: {@code id}, {@code event} and {@code data} fields, a
 * blank line ending each message, comment lines (starting with {@code :}) skipped.
 */
public final class SseParser implements AutoCloseable {
    private final BufferedReader reader;

    public SseParser(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** One message; {@code id} and {@code event} are null when the message had none. */
    public record Message(String id, String event, String data) {}

    /** The next message with data, or null at the end of the stream. */
    public Message next() throws IOException {
        String id = null;
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Message(id, event, data.toString());
                }
                id = null;
                event = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { } // retry and unknown fields: nothing the SDK needs
            }
        }
        return null; // a message cut off without its blank line is not complete: the stream resumes before it
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
