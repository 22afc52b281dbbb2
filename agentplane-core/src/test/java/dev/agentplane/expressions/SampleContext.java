package dev.agentplane.expressions;

import dev.agentplane.common.Json;
import java.util.Map;

/** One context for the expression tests: an invoice workflow half way through, inside a foreach. */
final class SampleContext {
    static final String TOKEN = "tok-8f2b9c41d7";

    private SampleContext() {}

    static ExpressionContext.Builder builder() {
        return ExpressionContext.builder()
                .inputs(Json.parse("""
                        {"amount": 1500, "currency": "EUR", "customer": {"name": "Ada", "email": "ada@example.com"},
                         "lines": [{"sku": "a-1", "qty": 2, "price": 9.5}, {"sku": "b-2", "qty": 1, "price": 100}],
                         "note": null, "rush": false}"""))
                .step("check", Json.parse("{\"ok\": true, \"score\": 0.82, \"flags\": []}"), "succeeded", null, 1)
                .step("fetch", null, "failed", Json.parse("{\"message\": \"timeout\"}"), 3)
                .execution(Json.parse("""
                        {"id": "0193f5e2-7c1a-7b3e-9d2f-5a1b2c3d4e5f", "workflow": "invoice", "version": 4,
                         "started_at": "2025-03-01T09:30:00Z"}"""))
                .secrets(Map.of("api_token", TOKEN));
    }

    static ExpressionContext context() {
        return builder().build();
    }

    static ExpressionContext inForeach(String itemJson, long index) {
        return builder().item(Json.parse(itemJson), index).build();
    }
}
