package dev.agentplane.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.JsonInput;
import dev.agentplane.common.problems.FieldError;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.common.problems.ProblemException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Strict request bodies: read with a hard size limit (also for chunked uploads, which carry no
 * Content-Length), free of NUL characters (PostgreSQL cannot store them), and for JSON, objects whose fields all
 * belong to the request type.
 */
public final class Bodies {
    /**
     * {"name": "a", "name": "b"} is ambiguous: refuse it rather than silently keep the last value. (Workflow
     * definitions have their own reader, which reports repeated keys with their lines.)
     */
    private static final ObjectReader STRICT = Json.MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    private static final String RAW_BODY = "agentplane.raw-body";

    private Bodies() {}

    /** The body bound to {@code type}; a missing body is an error. */
    public static <T> T required(Context ctx, Class<T> type) {
        return JsonInput.bind(object(ctx, true), type);
    }

    /** The body bound to {@code type}; a missing body counts as {@code {}}. */
    public static <T> T optional(Context ctx, Class<T> type) {
        return JsonInput.bind(object(ctx, false), type);
    }

    /** The body as a JSON object (for merge-style updates). */
    public static ObjectNode object(Context ctx, boolean required) {
        String text = text(ctx);
        if (text.isBlank()) {
            if (required) {
                throw InvalidInputException.body("", "the request body is missing",
                        "send a JSON object with Content-Type: application/json");
            }
            return Json.object();
        }
        requireJsonContentType(ctx);
        JsonNode node;
        try {
            node = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw JsonInput.invalid(e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw InvalidInputException.body("", "is a JSON " + node.getNodeType().name().toLowerCase() + ", not an object",
                    "wrap the fields in a JSON object: {...}");
        }
        rejectNul(object, "");
        return object;
    }

    /**
     * A JSON body must not claim to be something else. Absent and form-encoded types pass: curl sends the latter
     * by default with -d, and the body is parsed strictly as JSON anyway.
     */
    private static void requireJsonContentType(Context ctx) {
        String type = ctx.contentType();
        if (type == null) {
            return;
        }
        String mediaType = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")
                && !mediaType.equals("application/x-www-form-urlencoded")) {
            throw new InvalidInputException(List.of(FieldError.parameter("Content-Type",
                    "is '" + mediaType + "'; this operation takes a JSON body", "send Content-Type: application/json")));
        }
    }

    /** The body as text, at most {@link Limits#MAX_BODY_BYTES} bytes. */
    public static String text(Context ctx) {
        String text = new String(raw(ctx), StandardCharsets.UTF_8);
        if (text.indexOf('\0') >= 0) {
            throw InvalidInputException.body("", "contains a NUL character (U+0000), which cannot be stored",
                    "remove NUL characters from the body");
        }
        return text;
    }

    /**
     * The body's bytes exactly as sent, at most {@link Limits#MAX_BODY_BYTES}: read from the stream once and kept on
     * the request, so the signature check (which hashes them before the route runs) and the route see the same
     * bytes. Unsigned requests read them only here, when the route asks for its body.
     */
    static byte[] raw(Context ctx) {
        byte[] cached = ctx.attribute(RAW_BODY);
        if (cached != null) {
            return cached;
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > Limits.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            // With a Content-Length, read exactly that; a chunked body is read up to one byte over the limit.
            bytes = declared >= 0 ? readExactly(in, (int) declared) : in.readNBytes((int) Limits.MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            // The client stopped sending (idle timeout) or closed early: its fault, and nothing was changed.
            throw InvalidInputException.body("", "could not be read completely: the client sent fewer bytes than "
                    + "its Content-Length, or stopped sending", "send the whole body with a correct Content-Length");
        }
        if (bytes.length > Limits.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        ctx.attribute(RAW_BODY, bytes);
        return bytes;
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        int read = in.readNBytes(bytes, 0, length);
        return read == length ? bytes : java.util.Arrays.copyOf(bytes, read);
    }

    /** JSON may spell NUL as an escape, and PostgreSQL stores it in neither text nor JSON columns. */
    private static void rejectNul(JsonNode node, String pointer) {
        if (node.isTextual() && node.textValue().indexOf('\0') >= 0) {
            throw InvalidInputException.body(pointer, "contains a NUL character (\\u0000), which cannot be stored",
                    "remove the NUL character");
        }
        for (var fields = node.fields(); fields.hasNext(); ) {
            var field = fields.next();
            String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
            if (field.getKey().indexOf('\0') >= 0) {
                throw InvalidInputException.body(child, "has a NUL character in its name", "rename the field");
            }
            rejectNul(field.getValue(), child);
        }
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            rejectNul(node.get(i), pointer + "/" + i);
        }
    }

    static ProblemException tooLarge() {
        return new ProblemException(413, "payload-too-large", "Payload too large",
                "the request body exceeds the server's limit of " + Limits.MAX_BODY_BYTES + " bytes; send less data",
                List.of(), Map.of("limit_bytes", Limits.MAX_BODY_BYTES));
    }
}
