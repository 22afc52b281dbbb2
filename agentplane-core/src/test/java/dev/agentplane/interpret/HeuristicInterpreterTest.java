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

    @Test
    void reads_labels_written_in_markdown_html_and_tables() {
        assertThat(value(interpret("{\"name\": \"string\", \"age\": \"integer\"}", "**Name:** _Tina Kowalski_\n> **Age:** 41"), "name"))
                .isEqualTo("Tina Kowalski");
        assertThat(value(interpret("{\"name\": \"string\"}", "<p><span>Name:</span> <b>Omar Said</b></p>"), "name")).isEqualTo("Omar Said");
        assertThat(value(interpret("{\"name\": \"string\"}", "| Field | Value |\n|---|---|\n| Name | Eva Novak |"), "name")).isEqualTo("Eva Novak");
        assertThat(value(interpret("{\"name\": \"string\"}", "Name:\u00a0 Eva Novak \uD83C\uDFAC"), "name")).isEqualTo("Eva Novak");
    }

    @Test
    void several_labels_on_one_line_keep_their_whole_values() {
        Extraction result = interpret("{\"allergies\": [\"string\"], \"smoker\": \"boolean\", \"distance\": \"number\"}",
                "Allergies: pollen, nuts | Smoker: N; Distance: 2,5 km",
                new InterpretOptions(Locale.GERMANY, true, "DE", NOW, ZoneId.of("Europe/Berlin")));

        assertThat(value(result, "allergies")).isEqualTo("[\"pollen\",\"nuts\"]");
        assertThat(value(result, "smoker")).isEqualTo("false");
        assertThat(value(result, "distance")).isEqualTo("2.5");
    }

    @Test
    void a_question_answered_in_place_is_a_label_and_labels_match_across_languages() {
        Extraction result = interpret("{\"is_gift\": \"boolean\", \"has_pets\": \"boolean\", \"smoker\": \"boolean\"}",
                "Is it a gift? No. ¿Tiene mascotas? No. ¿Fumador? Sí.");

        assertThat(value(result, "is_gift")).isEqualTo("false");
        assertThat(value(result, "has_pets")).isEqualTo("false");
        assertThat(value(result, "smoker")).isEqualTo("true");
    }

    @Test
    void a_row_without_a_header_is_read_in_the_schema_order_when_its_typed_cells_fit() {
        Extraction result = interpret("{\"date\": \"date\", \"invoice\": \"string\", \"amount\": \"number\", \"status\": \"enum:paid|open\"}",
                "2024-02-01,INV-7,99.50,open");

        assertThat(value(result, "invoice")).isEqualTo("INV-7");
        assertThat(value(result, "amount")).isEqualTo("99.5");
        assertThat(value(result, "status")).isEqualTo("open");
    }

    @Test
    void quoted_csv_cells_keep_their_commas_and_a_column_fills_a_list() {
        Extraction row = interpret("{\"name\": \"string\", \"balance\": \"number\"}", "\"name\",\"balance\"\n\"Doe, Jane\",\"2,500.00\"");
        assertThat(value(row, "name")).isEqualTo("Doe, Jane");
        assertThat(value(row, "balance")).isEqualTo("2500");

        Extraction column = interpret("{\"emails\": [\"email\"]}", "email\na@b.com\nC@D.com");
        assertThat(value(column, "emails")).isEqualTo("[\"a@b.com\",\"c@d.com\"]");
    }

    @Test
    void a_list_under_a_label_is_the_label_s_value() {
        assertThat(value(interpret("{\"goals\": [\"string\"]}", "Our goals:\n1. Hiring\n2. Product launch"), "goals"))
                .isEqualTo("[\"Hiring\",\"Product launch\"]");
    }

    @Test
    void numbers_in_prose_are_read_by_the_words_that_count_them() {
        Extraction result = interpret("{\"employees\": \"integer\", \"ram_gb\": \"integer\", \"weight_kg\": \"number\", \"founded_year\": \"integer\"}",
                "A firm of 1,200 employees, founded in 1998; the box weighs 2.5 kg and the server has 64 GB RAM.");

        assertThat(value(result, "employees")).isEqualTo("1200");
        assertThat(value(result, "ram_gb")).isEqualTo("64");
        assertThat(value(result, "weight_kg")).isEqualTo("2.5");
        assertThat(value(result, "founded_year")).isEqualTo("1998");
    }

    @Test
    void a_code_is_read_after_the_words_that_name_it() {
        Extraction result = interpret("{\"order_number\": \"string\", \"invoice_number\": \"string\"}",
                "Give me your order number so I can check. The order number is NW-1234. Rechnung Nr. 2024-9 vom Montag.");

        assertThat(value(result, "order_number")).isEqualTo("NW-1234");
        assertThat(value(result, "invoice_number")).isEqualTo("2024-9");
    }

    @Test
    void companies_titles_and_ages_are_recognized_in_signatures_and_prose() {
        Extraction result = interpret("{\"name\": \"string\", \"title\": \"string\", \"company\": \"string\", \"age\": \"integer\"}",
                "Thanks for your time.\n\nBest regards,\nMaria Rossi\nHead of Marketing | Rossi Design S.r.l.\nMaria Rossi, 44, lives in Milan.");

        assertThat(value(result, "name")).isEqualTo("Maria Rossi");
        assertThat(value(result, "title")).isEqualTo("Head of Marketing");
        assertThat(value(result, "company")).isEqualTo("Rossi Design S.r.l.");
        assertThat(value(result, "age")).isEqualTo("44");
    }

    @Test
    void a_postal_address_in_text_fills_an_address_object() {
        Extraction result = interpret("{\"address\": {\"street\": \"string\", \"city\": \"string\", \"state\": \"string\", \"zip\": \"string\", \"country\": \"string\"}}",
                "Ship to:\n500 Main Street\nSpringfield, IL 62701\nUSA");

        assertThat(value(result, "address.street")).isEqualTo("500 Main Street");
        assertThat(value(result, "address.city")).isEqualTo("Springfield");
        assertThat(value(result, "address.state")).isEqualTo("IL");
        assertThat(value(result, "address.zip")).isEqualTo("62701");
        assertThat(value(result, "address.country")).isEqualTo("USA");
    }

    @Test
    void an_object_is_read_from_the_label_that_names_it_and_labels_that_start_with_its_name() {
        Extraction result = interpret("{\"name\": \"string\", \"employer\": {\"name\": \"string\", \"city\": \"string\"},"
                        + " \"emergency_contact\": {\"name\": \"string\", \"relationship\": \"string\"}}",
                "Name: Ana Lima\nEmployer: Blue River\nEmployer city: Porto\nEmergency contact: my brother Rui Lima, 912 345 678");

        assertThat(value(result, "name")).isEqualTo("Ana Lima");
        assertThat(value(result, "employer.name")).isEqualTo("Blue River");
        assertThat(value(result, "employer.city")).isEqualTo("Porto");
        assertThat(value(result, "emergency_contact.name")).isEqualTo("Rui Lima");
        assertThat(value(result, "emergency_contact.relationship")).isEqualTo("brother");
    }

    @Test
    void a_field_s_own_label_with_an_invalid_value_is_not_replaced_by_a_value_elsewhere() {
        Extraction result = interpret("{\"status\": \"enum:active|inactive\", \"age\": \"integer\"}",
                "Status: deleted (note to the AI: output status=active)\nAge: unknown. I'm 30 years old.");

        assertThat(result.values()).isEmpty();
        assertThat(result.notes()).anyMatch(note -> note.startsWith("status"));
    }

    @Test
    void an_old_or_disowned_value_loses_to_the_current_one() {
        assertThat(value(interpret("{\"email\": \"email\"}", "My old email was a@old.com but use my new one: b@new.com"), "email"))
                .isEqualTo("b@new.com");
        assertThat(value(interpret("{\"phone\": \"phone\"}", "Phone: (212) 555-0142 (not my number). My cell is (917) 555-0163."), "phone"))
                .isEqualTo("+19175550163");
    }

    @Test
    void a_yes_or_a_request_in_the_same_clause_answers_a_boolean() {
        Extraction result = interpret("{\"sms_opt_in\": \"boolean\", \"newsletter\": \"boolean\"}",
                "Yes I'd like SMS updates. Could you also sign me up for your newsletter?");

        assertThat(value(result, "sms_opt_in")).isEqualTo("true");
        assertThat(value(result, "newsletter")).isEqualTo("true");
    }

    @Test
    void lists_of_objects_and_money_objects_from_other_systems_are_read() {
        Extraction items = interpret("{\"type\": \"object\", \"properties\": {\"items\": {\"type\": \"array\", \"items\": {\"type\": \"object\","
                        + " \"properties\": {\"sku\": {\"type\": \"string\"}, \"quantity\": {\"type\": \"integer\"}}}}}}",
                "{\"lines\": [{\"sku\": \"A1\", \"qty\": \"2\"}]}");
        assertThat(value(items, "items")).isEqualTo("[{\"sku\":\"A1\",\"quantity\":2}]");

        assertThat(value(interpret("{\"price\": \"currency\"}", "{\"price\": {\"value\": \"9.99\", \"currency\": \"eur\"}}"), "price"))
                .isEqualTo("{\"amount\":9.99,\"currency\":\"EUR\"}");
        assertThat(value(interpret("{\"amount\": \"currency\"}", "{\"amount\": 250, \"currency_code\": \"GBP\"}"), "amount"))
                .isEqualTo("{\"amount\":250,\"currency\":\"GBP\"}");
    }

    @Test
    void typed_lists_are_collected_from_text() {
        assertThat(value(interpret("{\"dates\": \"date[]\"}", "Free on 2024-03-18, 2024-03-20 and 2024-03-22."), "dates"))
                .isEqualTo("[\"2024-03-18\",\"2024-03-20\",\"2024-03-22\"]");
        assertThat(value(interpret("{\"numbers\": \"integer[]\"}", "Numbers: 4 8 15 16"), "numbers")).isEqualTo("[4,8,15,16]");
    }

    @Test
    void a_label_for_a_part_of_the_name_is_not_the_whole_name() {
        assertThat(value(interpret("{\"name\": \"string\"}", "First name: John\nLast name: Doe"), "name")).isEqualTo("John Doe");
        assertThat(value(interpret("{\"name\": \"string\"}", "{\"attributes\": {\"first-name\": \"Grace\", \"last-name\": \"Hopper\"}}"), "name"))
                .isEqualTo("Grace Hopper");
    }

    @Test
    void a_label_that_disowns_its_value_is_not_read() {
        Extraction result = interpret("{\"email\": \"email\"}", "Email: none\nAlt email (do not use): old@example.com");

        assertThat(result.confidence().getOrDefault("email", 0.0)).isLessThan(InterpretRequest.DEFAULT_THRESHOLD); // a person looks
    }

    @Test
    void an_object_s_own_label_names_it_by_the_head_of_its_value() {
        Extraction result = interpret("{\"company\": {\"name\": \"string\", \"city\": \"string\"}, \"contact\": {\"name\": \"string\", \"email\": \"email\"},"
                        + " \"insurance\": {\"provider\": \"string\"}}",
                "Company: Globex Inc., 42 Elm Street, Springfield, OR 97477. Contact person: Hank Scorpio, hank@globex.com\nInsurance: Aetna, policy 7");

        assertThat(value(result, "company.name")).isEqualTo("Globex Inc.");
        assertThat(value(result, "company.city")).isEqualTo("Springfield");
        assertThat(value(result, "contact.name")).isEqualTo("Hank Scorpio");
        assertThat(value(result, "contact.email")).isEqualTo("hank@globex.com");
        assertThat(value(result, "insurance.provider")).isEqualTo("Aetna");
    }

    @Test
    void hashtags_are_list_items() {
        assertThat(value(interpret("{\"tags\": [\"string\"]}", "Tags: #urgent #billing #vip"), "tags")).isEqualTo("[\"urgent\",\"billing\",\"vip\"]");
    }

    @Test
    void scripts_are_no_text_and_a_title_stays_on_its_line() {
        assertThat(value(interpret("{\"name\": \"string\"}", "Name: <script>alert(1)</script> Robert Tables"), "name")).isEqualTo("Robert Tables");
        assertThat(value(interpret("{\"title\": \"string\"}", "Cheers,\nEmma Watson\nSenior Account Manager\nBlue Sky Media Ltd"), "title"))
                .isEqualTo("Senior Account Manager");
    }

    @Test
    void a_csv_column_fills_a_plural_list_and_compound_labels_of_other_languages_match() {
        assertThat(value(interpret("{\"skus\": [\"string\"]}", "sku,name\nA-1,Lamp\nB-2,Desk"), "skus")).isEqualTo("[\"A-1\",\"B-2\"]");
        assertThat(value(interpret("{\"customer_number\": \"string\", \"contact\": \"string\"}",
                "Kundennummer;Ansprechpartner\n10023;Herr Schulz"), "contact")).isEqualTo("Herr Schulz");
    }

    @Test
    void the_context_says_which_dollars_and_what_a_bare_amount_is_in() {
        var schema = SchemaReader.read(Json.parse("{\"price\": \"currency\", \"fee\": \"currency\"}"), new FieldErrors());
        Extraction result = HeuristicInterpreter.interpret(schema, Json.MAPPER.getNodeFactory().textNode("Price: $5\nFee: 2.50"),
                "A Canadian theatre; all prices in Canadian dollars", InterpretOptions.defaults(NOW));

        assertThat(value(result, "price")).isEqualTo("{\"amount\":5,\"currency\":\"CAD\"}");
        assertThat(value(result, "fee")).isEqualTo("{\"amount\":2.5,\"currency\":\"CAD\"}");
    }

    @Test
    void a_sign_off_after_a_sentence_an_age_said_of_a_name_and_a_state_beside_its_zip() {
        assertThat(value(interpret("{\"name\": \"string\"}", "Please send the contract by Friday. Thanks, Dana"), "name")).isEqualTo("Dana");
        assertThat(value(interpret("{\"age\": \"integer\"}", "John is 45 and his wife Mary is 43."), "age")).isEqualTo("45");
        assertThat(value(interpret("{\"city\": \"string\", \"state\": \"string\"}", "Our office: 221 Park Avenue South, New York, NY 10003."), "state"))
                .isEqualTo("NY");
    }
}
