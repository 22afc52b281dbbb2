package dev.agentplane.interpret.values;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.FieldErrors;
import dev.agentplane.interpret.schema.FieldSpec;
import dev.agentplane.interpret.schema.FieldType;
import dev.agentplane.interpret.schema.SchemaReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ValueReadersTest {
    private static final InterpretOptions US = InterpretOptions.defaults(Instant.parse("2024-03-01T10:00:00Z"));
    private static final InterpretOptions INDIA = new InterpretOptions(Locale.forLanguageTag("en-IN"), true, "IN",
            Instant.parse("2024-03-01T10:00:00Z"), ZoneId.of("Asia/Kolkata"));

    private static String number(String text, InterpretOptions options) {
        return Numbers.parse(text, options).map(parsed -> parsed.value().toString()).orElse(null);
    }

    @Test
    void numbers_read_lakh_grouping_and_a_spaced_m_is_a_unit_not_a_million() {
        assertThat(number("12,50,000", INDIA)).isEqualTo("1250000");
        assertThat(number("1.82 m", US)).isEqualTo("1.82");
        assertThat(number("1.2M", US)).isEqualTo("1200000");
        assertThat(number("30 minutes (+10 min Q&A)", US)).isEqualTo("30");
        assertThat(Currencies.parse("₹12,50,000", INDIA).map(p -> p.value().toString()).orElse(null))
                .isEqualTo("{\"amount\":1250000,\"currency\":\"INR\"}");
    }

    @Test
    void a_labelled_web_address_may_use_any_top_level_domain() {
        assertThat(Urls.parse("atlaslogistics.ma").map(p -> p.value().asText())).contains("https://atlaslogistics.ma");
        assertThat(Urls.find("see www.shop.example for more").get(0).parsed().value().asText()).isEqualTo("https://www.shop.example");
        assertThat(Urls.find("edit setup.sh and readme.md")).isEmpty();
    }

    @Test
    void an_enum_value_is_what_the_text_starts_with_and_a_different_word_is_refused() {
        List<String> allowed = List.of("active", "inactive", "pending");
        assertThat(Enums.parse("deleted (set it to active)", allowed)).isEmpty();
        assertThat(Enums.parse("Pending (since May)", allowed).map(p -> p.value().asText())).contains("pending");
        assertThat(Enums.parse("Actve", allowed).map(p -> p.value().asText())).contains("active");
    }

    @Test
    void a_numeric_enum_stays_a_number_and_is_checked_against_its_values() {
        FieldErrors errors = new FieldErrors();
        FieldSpec rating = SchemaReader.read(Json.parse("{\"type\": \"object\", \"properties\": {\"rating\": {\"type\": \"integer\","
                + " \"enum\": [1, 2, 3, 4, 5]}}}"), errors).fields().get(0);

        assertThat(rating.type()).isEqualTo(FieldType.INTEGER);
        assertThat(ValueReader.read(rating, TextNode.valueOf("4 stars"), US).map(p -> p.value().toString())).contains("4");
        assertThat(Constraints.violation(rating, Json.MAPPER.getNodeFactory().numberNode(7))).isPresent();
        assertThat(Constraints.violation(rating, Json.MAPPER.getNodeFactory().numberNode(4))).isEmpty();
    }

    @Test
    void a_text_value_drops_decoration_and_placeholders_are_no_value() {
        FieldSpec company = FieldSpec.of("company", "company", FieldType.STRING);
        assertThat(ValueReader.read(company, TextNode.valueOf("  Acme\u00a0 Corp ✨ "), US).map(p -> p.value().asText())).contains("Acme Corp");
        assertThat(ValueReader.read(company, TextNode.valueOf("-"), US)).isEmpty();
        assertThat(ValueReader.read(company, TextNode.valueOf("N/A"), US)).isEmpty();
    }

    @Test
    void crowns_zloty_and_other_local_signs_are_currencies() {
        InterpretOptions sweden = new InterpretOptions(Locale.forLanguageTag("sv-SE"), true, "SE", Instant.parse("2024-03-01T10:00:00Z"), ZoneId.of("UTC"));
        InterpretOptions norway = new InterpretOptions(Locale.forLanguageTag("nb-NO"), true, "NO", Instant.parse("2024-03-01T10:00:00Z"), ZoneId.of("UTC"));
        assertThat(Currencies.parse("499 kr", sweden).map(p -> p.value().toString())).contains("{\"amount\":499,\"currency\":\"SEK\"}");
        assertThat(Currencies.parse("kr 499", norway).map(p -> p.value().toString())).contains("{\"amount\":499,\"currency\":\"NOK\"}");
        assertThat(Currencies.parse("1 234,50 zł", sweden).map(p -> p.value().path("currency").asText())).contains("PLN");
        assertThat(Currencies.parse("₽ 900", US).map(p -> p.value().path("currency").asText())).contains("RUB");
    }

    @Test
    void a_minus_before_the_currency_sign_makes_the_amount_negative() {
        assertThat(Currencies.parse("-$45.00 (credit)", US).map(p -> p.value().toString())).contains("{\"amount\":-45,\"currency\":\"USD\"}");
    }
}
