package dev.agentplane.llm;

import java.util.Map;

/**
 * List prices (USD per million tokens, standard tier, no cache or batch discounts) of well-known models as
 * published by OpenAI, Anthropic and DeepSeek in late 2025. Prices change: override them under {@code prices:}.
 */
final class DefaultPrices {
    static final Map<String, Price> BY_MODEL = Map.ofEntries(
            Map.entry("gpt-4o", Price.of("2.50", "10.00")),
            Map.entry("gpt-4o-mini", Price.of("0.15", "0.60")),
            Map.entry("gpt-4.1", Price.of("2.00", "8.00")),
            Map.entry("gpt-4.1-mini", Price.of("0.40", "1.60")),
            Map.entry("gpt-4.1-nano", Price.of("0.10", "0.40")),
            Map.entry("o3", Price.of("2.00", "8.00")),
            Map.entry("o4-mini", Price.of("1.10", "4.40")),
            Map.entry("claude-opus-4-5", Price.of("5.00", "25.00")),
            Map.entry("claude-opus-4-1", Price.of("15.00", "75.00")),
            Map.entry("claude-opus-4-0", Price.of("15.00", "75.00")),
            Map.entry("claude-opus-4", Price.of("15.00", "75.00")),
            Map.entry("claude-sonnet-4-5", Price.of("3.00", "15.00")),
            Map.entry("claude-sonnet-4-0", Price.of("3.00", "15.00")),
            Map.entry("claude-sonnet-4", Price.of("3.00", "15.00")),
            Map.entry("claude-haiku-4-5", Price.of("1.00", "5.00")),
            Map.entry("claude-3-7-sonnet", Price.of("3.00", "15.00")),
            Map.entry("claude-3-5-sonnet", Price.of("3.00", "15.00")),
            Map.entry("claude-3-5-haiku", Price.of("0.80", "4.00")),
            Map.entry("deepseek-chat", Price.of("0.28", "0.42")),
            Map.entry("deepseek-reasoner", Price.of("0.28", "0.42")));

    private DefaultPrices() {}
}
