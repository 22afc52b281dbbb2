package dev.agentplane.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Provider configurations and a runtime for tests: a fixed clock, recorded waits and jitter fixed at 0.5. */
final class TestProviders {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private TestProviders() {}

    static LlmRuntime runtime(RecordingSleeper sleeper) {
        return new LlmRuntime(sleeper, Clock.fixed(NOW, ZoneOffset.UTC), () -> 0.5);
    }

    static ProviderConfig openai(String apiBase) {
        return new ProviderConfig("openai", Protocol.OPENAI, apiBase, "sk-test-123", "OPENAI_API_KEY",
                List.of("gpt-4o-mini", "gpt-4o"), Duration.ofSeconds(10), 2, false);
    }

    static ProviderConfig claude(String apiBase) {
        return new ProviderConfig("claude", Protocol.ANTHROPIC, apiBase, "sk-ant-test", "ANTHROPIC_API_KEY",
                List.of("claude-sonnet-4-5"), Duration.ofSeconds(10), 2, false);
    }

    static ProviderConfig withTimeout(ProviderConfig config, Duration timeout) {
        return new ProviderConfig(config.name(), config.protocol(), config.apiBase(), config.apiKey(),
                config.apiKeyVariable(), config.models(), timeout, config.maxRetries(), config.local());
    }
}
