package dev.agentplane.interpret.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RegionsTest {
    private static final InterpretOptions US = InterpretOptions.defaults(Instant.parse("2024-03-01T10:00:00Z"));

    @Test
    void a_pattern_read_near_its_anchors_finds_what_a_full_search_finds() {
        String text = "aa 12 bb, cc 345 and 6 - 7, then 8901 at the end";
        Pattern number = Pattern.compile("(?<![\\d])\\d+(?:\\s-\\s\\d+)?");

        List<String> near = Regions.near(number, text, Regions.digitRuns(text), 2, 6).stream().map(MatchResult::group).toList();

        assertThat(near).isEqualTo(number.matcher(text).results().map(MatchResult::group).toList());
    }

    @Test
    void long_texts_are_read_only_around_the_words_a_pattern_needs() {
        String filler = "lorem ipsum dolor sit amet ".repeat(150);
        String text = filler + "[09:02] Agent: call me on (415) 555-0123 or on March 3rd, 2024 at 10:30. " + filler
                + "Total EUR 18,500 and 2,000 EUR; mail x@y.com; see www.shop.example/a.";

        assertThat(Phones.find(text, US).stream().map(f -> f.parsed().value().asText())).containsExactly("+14155550123");
        assertThat(Dates.find(text, US).stream().map(f -> f.parsed().value().asText())).containsExactly("2024-03-03");
        assertThat(Currencies.find(text, US)).hasSize(2);
        assertThat(Emails.find(text).get(0).parsed().value().asText()).isEqualTo("x@y.com");
        assertThat(Urls.find(text).get(0).parsed().value().asText()).isEqualTo("https://www.shop.example/a");
    }
}
