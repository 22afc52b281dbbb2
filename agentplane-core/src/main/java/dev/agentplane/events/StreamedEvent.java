package dev.agentplane.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.agentplane.common.problems.InvalidInputException;

/**
 * An event as an org-wide stream delivers it: the event's fields plus {@code cursor}, the position to resume after
 * (pass it back as {@code after} and the stream continues with the next event, losing none).
 */
public record StreamedEvent(@JsonUnwrapped Event event, String cursor) {

    static String cursorOf(long position) {
        return String.valueOf(position);
    }

    /** The position in a cursor a stream handed out; a 400 naming {@code parameter} for anything else. */
    public static long positionOf(String parameter, String cursor) {
        try {
            long position = Long.parseLong(cursor);
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidInputException.parameter(parameter, "'" + cursor + "' is not a stream cursor",
                "pass the cursor of the last message you received unchanged, 0 for every stored event, or leave "
                        + parameter + " out to receive only new events");
    }
}
