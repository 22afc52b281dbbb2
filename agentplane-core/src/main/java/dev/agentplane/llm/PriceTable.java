package dev.agentplane.llm;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns token usage into USD. Configured prices win over the defaults. A dated or "-latest" variant of a listed
 * name ("gpt-4o-mini-2024-07-18", "claude-sonnet-4-5-20250929") costs what the name costs. An unknown model
 * costs nothing on a local server and is unknown (null) anywhere else.
 */
public final class PriceTable {
    private static final Pattern VERSION_SUFFIX = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{8}|latest)$");

    private final Map<String, Price> prices;

    private PriceTable(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    public static PriceTable defaults() {
        return new PriceTable(DefaultPrices.BY_MODEL);
    }

    /** The defaults with {@code overrides} (model name to price) on top. */
    public static PriceTable withOverrides(Map<String, Price> overrides) {
        Map<String, Price> merged = new HashMap<>(DefaultPrices.BY_MODEL);
        merged.putAll(overrides);
        return new PriceTable(merged);
    }

    public Optional<Price> price(String model) {
        if (model == null) {
            return Optional.empty();
        }
        Price exact = prices.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        return Optional.ofNullable(prices.get(VERSION_SUFFIX.matcher(model).replaceFirst("")));
    }

    /**
     * The cost of a call, priced by the requested model name, else (hosted providers only: a local server runs
     * its models for free whatever it calls them) by the name the provider answered with; null when neither has
     * a price and the provider is not local.
     */
    public BigDecimal cost(ProviderConfig provider, String requestedModel, ChatResponse response) {
        Optional<Price> price = price(requestedModel);
        if (price.isEmpty()) {
            price = provider.local() ? Optional.of(Price.FREE) : price(response.model());
        }
        return price.map(p -> p.cost(response.usage())).orElse(null);
    }
}
