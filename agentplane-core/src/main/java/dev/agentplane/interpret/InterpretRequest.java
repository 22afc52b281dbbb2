package dev.agentplane.interpret;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.FieldErrors;
import dev.agentplane.common.problems.PayloadTooLargeException;
import dev.agentplane.interpret.schema.InterpretSchema;
import dev.agentplane.interpret.schema.SchemaReader;
import dev.agentplane.interpret.values.InterpretOptions;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;

/** A request to turn messy {@code data} into the fields {@code schema} asks for. */
public record InterpretRequest(JsonNode data, JsonNode schema, String context, Options options, Double confidenceThreshold,
                               String strategy, String model, Boolean escalate) {
    public static final int MAX_DATA_BYTES = 256 * 1024;
    public static final int MAX_CONTEXT_LENGTH = 4_000;
    public static final double DEFAULT_THRESHOLD = 0.7;
    public static final List<String> STRATEGIES = List.of("auto", "heuristic", "llm");

    /** Reading hints: the locale and region of the data, the time relative words count from, the time zone. */
    public record Options(String locale, String region, String referenceTime, String timezone) {}

    public InterpretRequest {
        strategy = strategy == null ? "auto" : strategy;
        confidenceThreshold = confidenceThreshold == null ? DEFAULT_THRESHOLD : confidenceThreshold;
        escalate = escalate != null && escalate;
    }

    /** A request for the heuristics alone, as the workflow step and the CLI make them. */
    public static InterpretRequest of(JsonNode data, JsonNode schema) {
        return new InterpretRequest(data, schema, null, null, null, null, null, null);
    }

    /** Checks the request and reads its schema; every invalid field is reported at once. */
    public InterpretSchema validate() {
        FieldErrors errors = new FieldErrors();
        if (data == null || data.isMissingNode()) {
            errors.add("/data", "is required", "pass the text, object or array to interpret (an empty string is allowed)");
        }
        InterpretSchema read = SchemaReader.read(schema, errors);
        errors.maxLength("/context", context, MAX_CONTEXT_LENGTH).oneOf("/strategy", strategy, STRATEGIES)
                .maxLength("/model", model, 200);
        if (confidenceThreshold < 0 || confidenceThreshold > 1) {
            errors.add("/confidence_threshold", "must be between 0 and 1", "pass a number such as 0.7");
        }
        options(errors);
        errors.throwIfAny();
        int bytes = Json.write(data).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_DATA_BYTES) {
            throw new PayloadTooLargeException("data", MAX_DATA_BYTES, bytes);
        }
        return read;
    }

    /** The reading hints with their defaults: en-US, UTC, now. */
    public InterpretOptions readingOptions(Instant now) {
        InterpretOptions read = options(new FieldErrors());
        return read.referenceTime() != null ? read
                : new InterpretOptions(read.locale(), read.localeGiven(), read.region(), now, read.zone());
    }

    private InterpretOptions options(FieldErrors errors) {
        Locale locale = Locale.US;
        boolean localeGiven = false;
        String region = null;
        Instant reference = null;
        ZoneId zone = ZoneOffset.UTC;
        if (options != null) {
            if (options.locale() != null) {
                try {
                    locale = new Locale.Builder().setLanguageTag(options.locale().replace('_', '-')).build();
                    localeGiven = true;
                } catch (IllformedLocaleException e) {
                    errors.add("/options/locale", "'" + options.locale() + "' is not a BCP 47 language tag", "pass e.g. en-US, de-DE or fr-FR");
                }
            }
            if (options.region() != null) {
                if (options.region().matches("[A-Za-z]{2}")) {
                    region = options.region().toUpperCase(Locale.ROOT);
                } else {
                    errors.add("/options/region", "'" + options.region() + "' is not a two-letter country code", "pass e.g. US, DE or GB");
                }
            }
            if (options.referenceTime() != null) {
                try {
                    reference = Instant.parse(options.referenceTime());
                } catch (DateTimeException e) {
                    errors.add("/options/reference_time", "'" + options.referenceTime() + "' is not an RFC 3339 time",
                            "pass e.g. 2024-03-01T09:00:00Z");
                }
            }
            if (options.timezone() != null) {
                try {
                    zone = ZoneId.of(options.timezone());
                } catch (DateTimeException e) {
                    errors.add("/options/timezone", "'" + options.timezone() + "' is not a time zone", "pass an IANA name such as Europe/Berlin");
                }
            }
        }
        if (region == null) {
            region = locale.getCountry().isEmpty() ? "US" : locale.getCountry();
        }
        return new InterpretOptions(locale, localeGiven, region, reference, zone);
    }
}
