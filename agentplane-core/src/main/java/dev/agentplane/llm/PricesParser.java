package dev.agentplane.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code prices:}: model name to {input, output} USD per million tokens. */
final class PricesParser {
    private PricesParser() {}

    static Map<String, Price> parse(JsonNode node) {
        Map<String, Price> prices = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return prices;
        }
        if (!node.isObject()) {
            throw new LlmConfigException("prices must be a mapping of model name to {input: USD, output: USD} "
                    + "per million tokens");
        }
        node.properties().forEach(entry -> {
            String path = "prices." + entry.getKey();
            JsonNode price = entry.getValue();
            if (!price.isObject()) {
                throw new LlmConfigException(path + " must be {input: <USD per million>, output: <USD per million>}");
            }
            price.fieldNames().forEachRemaining(key -> {
                if (!key.equals("input") && !key.equals("output")) {
                    throw new LlmConfigException(path + "." + key + " is not a setting; a price has input and output");
                }
            });
            prices.put(entry.getKey(), new Price(usd(path + ".input", price.path("input")),
                    usd(path + ".output", price.path("output"))));
        });
        return prices;
    }

    private static BigDecimal usd(String path, JsonNode node) {
        if (!node.isNumber() || node.decimalValue().signum() < 0) {
            throw new LlmConfigException(path + " must be a number of USD per million tokens (0 or more)");
        }
        return node.decimalValue();
    }
}
