package dev.agentplane.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.FieldErrors;
import dev.agentplane.interpret.heuristic.Extraction;
import dev.agentplane.interpret.heuristic.HeuristicInterpreter;
import dev.agentplane.interpret.schema.SchemaReader;
import dev.agentplane.interpret.values.InterpretOptions;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HeuristicInterpreterTest {
    private static final Instant NOW = Instant.parse("2024-03-01T10:00:00Z");

    private static Extraction interpret(String schema, Object data) {
        return interpret(schema, data, InterpretOptions.defaults(NOW));
    }

    private static Extraction interpret(String schema, Object data, InterpretOptions options) {
        FieldErrors errors = new FieldErrors();
        var read = SchemaReader.read(Json.parse(schema), errors);
        errors.throwIfAny();
        JsonNode node = data instanceof String text && !text.startsWith("{") ? Json.MAPPER.getNodeFactory().textNode(text)
                : Json.parse(data.toString());
        return HeuristicInterpreter.interpret(read, node, options);
    }

    private static String value(Extraction extraction, String path) {
        JsonNode value = extraction.values().get(path);
        return value == null ? null : value.isTextual() ? value.asText() : value.toString();
    }

    @Test
    void reads_name_email_and_age_from_a_sentence() {
        Extraction result = interpret("{\"name\": \"string\", \"email\": \"email\", \"age\": \"integer\"}",
                "John Smith, email: john@acme.com, he's 32");

        assertThat(value(result, "name")).isEqualTo("John Smith");
        assertThat(value(result, "email")).isEqualTo("john@acme.com");
        assertThat(value(result, "age")).isEqualTo("32");
        assertThat(result.missing()).isEmpty();
        assertThat(result.confidence().values()).allMatch(c -> c >= 0.7);
    }

    @Test
    void matches_messy_keys_by_normalized_names_and_synonyms() {
        Extraction result = interpret("{\"email\": \"email\", \"full_name\": \"string\", \"phone\": \"phone\"}",
                "{\"E-mail Address\": \"Jane.Doe@Example.COM\", \"fullName\": \"Jane Doe\", \"cust_phone\": \"(415) 555-0123\"}");

        assertThat(value(result, "email")).isEqualTo("jane.doe@example.com");
        assertThat(value(result, "full_name")).isEqualTo("Jane Doe");
        assertThat(value(result, "phone")).isEqualTo("+14155550123");
    }

    @Test
    void reads_dates_currencies_and_relative_words_against_the_reference_time() {
        Extraction result = interpret("{\"due\": \"date\", \"start\": \"date\", \"total\": \"currency\"}",
                "Start: March 3rd, 2024\nDue: tomorrow\nTotal: $1,234.50");

        assertThat(value(result, "start")).isEqualTo("2024-03-03");
        assertThat(value(result, "due")).isEqualTo("2024-03-02");
        assertThat(value(result, "total")).isEqualTo("{\"amount\":1234.5,\"currency\":\"USD\"}");
    }

    @Test
    void follows_the_locale_for_numeric_dates_and_decimal_commas() {
        InterpretOptions german = new InterpretOptions(Locale.GERMANY, true, "DE", NOW, ZoneId.of("Europe/Berlin"));
        Extraction result = interpret("{\"datum\": \"date\", \"betrag\": \"currency\", \"telefon\": \"phone\"}",
                "Datum: 03.04.2024\nBetrag: 1.234,50 €\nTelefon: 030 1234567", german);

        assertThat(value(result, "datum")).isEqualTo("2024-04-03");
        assertThat(value(result, "betrag")).isEqualTo("{\"amount\":1234.5,\"currency\":\"EUR\"}");
        assertThat(value(result, "telefon")).isEqualTo("+49301234567");
    }

    @Test
    void an_enum_value_with_a_typo_is_matched_and_a_value_outside_the_schema_is_refused() {
        Extraction result = interpret("{\"status\": \"enum:active|inactive|pending\", \"score\": {\"type\": \"integer\", \"maximum\": 10}}",
                "{\"Status\": \"Actve\", \"score\": 42}");

        assertThat(value(result, "status")).isEqualTo("active");
        assertThat(result.missing()).containsExactly("score");
        assertThat(result.notes()).anyMatch(note -> note.contains("score") && note.contains("maximum"));
    }

    @Test
    void nothing_is_invented_from_empty_or_unrelated_input() {
        Extraction result = interpret("{\"name\": \"string\", \"email\": \"email\", \"amount\": \"currency\"}", "asdf qwerty 123");

        assertThat(result.values()).isEmpty();
        assertThat(result.missing()).containsExactly("name", "email", "amount");
    }
}
