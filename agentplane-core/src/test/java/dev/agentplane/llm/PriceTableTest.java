package dev.agentplane.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {
    private final PriceTable prices = PriceTable.defaults();

    private static ProviderConfig provider(boolean local) {
        return new ProviderConfig("p", Protocol.OPENAI, "http://h/v1", null, null, List.of("m"),
                Duration.ofSeconds(1), 0, local);
    }

    private static ChatResponse answer(String model, long input, long output) {
        return new ChatResponse("x", List.of(), new TokenUsage(input, output), FinishReason.STOP, model, null);
    }

    @Test
    void knows_the_well_known_models() {
        for (String model : List.of("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o3",
                "o4-mini", "claude-opus-4-5", "claude-opus-4-1", "claude-sonnet-4-5", "claude-sonnet-4",
                "claude-haiku-4-5", "claude-3-5-sonnet", "claude-3-5-haiku", "deepseek-chat", "deepseek-reasoner")) {
            assertThat(prices.price(model)).as(model).isPresent();
        }
    }

    @Test
    void costs_input_and_output_tokens_per_million() {
        BigDecimal cost = prices.cost(provider(false), "gpt-4o", answer("gpt-4o-2024-08-06", 1_000_000, 500_000));

        assertThat(cost).isEqualByComparingTo("7.50"); // 2.50 + 0.5 x 10.00
    }

    @Test
    void prices_dated_versions_like_their_name_but_not_other_models_sharing_a_prefix() {
        assertThat(prices.price("gpt-4o-mini-2024-07-18")).isEqualTo(prices.price("gpt-4o-mini"));
        assertThat(prices.price("claude-sonnet-4-5-20250929")).isEqualTo(prices.price("claude-sonnet-4-5"));
        assertThat(prices.price("claude-3-5-haiku-latest")).isEqualTo(prices.price("claude-3-5-haiku"));
        assertThat(prices.price("o3-mini")).isEmpty();
        assertThat(prices.price("gpt-4o-audio-preview")).isEmpty();
    }

    @Test
    void falls_back_to_the_model_the_provider_answered_with() {
        BigDecimal cost = prices.cost(provider(false), "my-alias", answer("gpt-4o-mini-2024-07-18", 1_000_000, 0));

        assertThat(cost).isEqualByComparingTo("0.15");
    }

    @Test
    void an_unknown_model_has_no_cost_unless_the_server_is_local() {
        assertThat(prices.cost(provider(false), "llama3.1", answer("llama3.1", 100, 100))).isNull();
        assertThat(prices.cost(provider(true), "llama3.1", answer("llama3.1", 100, 100))).isEqualByComparingTo("0");
    }

    @Test
    void a_configured_price_wins_even_for_a_local_model() {
        PriceTable configured = PriceTable.withOverrides(Map.of("llama3.1", Price.of("0.01", "0.02")));

        assertThat(configured.cost(provider(true), "llama3.1", answer("llama3.1", 1_000_000, 1_000_000)))
                .isEqualByComparingTo("0.03");
    }
}
