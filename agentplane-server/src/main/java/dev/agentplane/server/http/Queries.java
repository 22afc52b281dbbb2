package dev.agentplane.server.http;

import dev.agentplane.common.Cursor;
import dev.agentplane.common.Filters;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.InvalidInputException;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Typed reads of query and path parameters, each failure a 400 naming the parameter. */
public final class Queries {
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private Queries() {}

    /**
     * Javalin silently drops a query parameter whose percent-encoding is broken ({@code ?limit=%zz}), which
     * would turn a filter the caller asked for into no filter at all; refuse the request instead.
     */
    static void rejectMalformedEncoding(Context ctx) {
        String query = ctx.queryString();
        if (query == null) {
            return;
        }
        for (String pair : query.split("&")) {
            try {
                URLDecoder.decode(pair, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                String name = pair.split("=", 2)[0];
                throw InvalidInputException.parameter(name.length() > 100 ? name.substring(0, 100) : name,
                        "is not valid percent-encoding", "encode '%' as %25 and other special characters as %XX");
            }
        }
    }

    public static PageRequest page(Context ctx) {
        String limit = ctx.queryParam("limit");
        int size = PageRequest.DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                throw InvalidInputException.parameter("limit", "'" + limit + "' is not a whole number",
                        "use a limit from 1 to " + PageRequest.MAX_LIMIT);
            }
        }
        return new PageRequest(size, Cursor.decode(ctx.queryParam("cursor")));
    }

    public static String string(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value != null && value.indexOf('\0') >= 0) {
            throw InvalidInputException.parameter(name, "contains a NUL character", "remove it");
        }
        return value == null || value.isEmpty() ? null : value;
    }

    public static String id(Context ctx, String name) {
        String value = string(ctx, name);
        Filters.id(name, value);
        return value;
    }

    public static Instant instant(Context ctx, String name) {
        String value = string(ctx, name);
        if (value == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw InvalidInputException.parameter(name, "'" + value + "' is outside the years 1970 to 9999",
                        "use a time between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw InvalidInputException.parameter(name, "'" + value + "' is not an RFC 3339 time",
                    "use a UTC time such as 2026-11-21T09:30:00Z");
        }
    }

    /** A calendar date such as 2026-11-21, or null when absent. */
    public static LocalDate date(Context ctx, String name) {
        String value = string(ctx, name);
        if (value == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.getYear() < 1970 || date.getYear() > 9999) {
                throw InvalidInputException.parameter(name, "'" + value + "' is outside the years 1970 to 9999",
                        "use a date between 1970-01-01 and 9999-12-31");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw InvalidInputException.parameter(name, "'" + value + "' is not a date", "use a date such as 2026-11-21");
        }
    }

    public static Boolean bool(Context ctx, String name) {
        String value = string(ctx, name);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw InvalidInputException.parameter(name, "'" + value + "' is not a boolean", "use true or false");
        };
    }

    /** A path parameter that must be an id. */
    public static String pathId(Context ctx, String name) {
        String value = ctx.pathParam(name);
        Filters.id(name, value);
        return value;
    }
}
