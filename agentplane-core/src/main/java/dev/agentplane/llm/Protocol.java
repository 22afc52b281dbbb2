package dev.agentplane.llm;

import java.util.Locale;

/** The wire protocol a provider speaks. */
public enum Protocol {
    /** OpenAI chat completions: OpenAI, Ollama, vLLM, DeepSeek, LM Studio and other compatible servers. */
    OPENAI,
    /** The Anthropic Messages API. */
    ANTHROPIC;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** 'claude' and 'anthropic' speak the Anthropic protocol; any other provider name is OpenAI-compatible. */
    static Protocol forProviderName(String provider) {
        return provider.equals("claude") || provider.equals("anthropic") ? ANTHROPIC : OPENAI;
    }
}
