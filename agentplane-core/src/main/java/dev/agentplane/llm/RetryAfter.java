package dev.agentplane.llm;

import dev.agentplane.llm.internal.ProviderHttpException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The wait a provider asked for: {@code retry-after-ms} (OpenAI), else {@code Retry-After} in seconds or as an HTTP date. */
final class RetryAfter {
    private RetryAfter() {}

    /** Null when the answer names no (readable) wait. */
    static Duration of(ProviderHttpException answer, Instant now) {
        Duration millis = answer.header("retry-after-ms").map(RetryAfter::millis).orElse(null);
        return millis != null ? millis : answer.header("Retry-After").map(value -> parse(value, now)).orElse(null);
    }

    static Duration parse(String value, Instant now) {
        String text = value.trim();
        try {
            double seconds = Double.parseDouble(text);
            return seconds < 0 ? null : Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static Duration millis(String value) {
        try {
            long millis = Math.round(Double.parseDouble(value.trim()));
            return millis < 0 ? null : Duration.ofMillis(millis);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
