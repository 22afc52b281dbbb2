package dev.agentplane.expressions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ExpressionCacheTest {

    @Test
    void an_expression_is_compiled_once_and_its_program_reused() {
        Expressions expressions = new Expressions();
        ExpressionContext context = SampleContext.context();

        for (int i = 0; i < 50; i++) {
            expressions.test("inputs.amount > 1000", context);
            expressions.render(Json.parse("{\"a\": \"${{ inputs.amount > 1000 }}\", \"b\": \"${{ inputs.currency }}\"}"), context);
        }

        assertThat(expressions.compilations()).isEqualTo(2);
        assertThat(expressions.compiled("inputs.amount > 1000")).isSameAs(expressions.compiled("inputs.amount > 1000"));
    }

    @Test
    void invalid_expressions_are_cached_too() {
        Expressions expressions = new Expressions();

        expressions.check("inputs.amount >");
        expressions.check("inputs.amount >");

        assertThat(expressions.compilations()).isEqualTo(1);
    }

    @Test
    void the_cache_stays_within_its_capacity_and_recompiles_what_it_dropped() {
        Expressions expressions = new Expressions(10);
        ExpressionContext context = SampleContext.context();

        for (int i = 0; i < 100; i++) {
            assertThat(expressions.evaluate("inputs.amount + " + i, context).asInt()).isEqualTo(1500 + i);
        }
        assertThat(expressions.compilations()).isEqualTo(100);
        assertThat(expressions.evaluate("inputs.amount + 0", context).asInt()).isEqualTo(1500);
        assertThat(expressions.compilations()).isEqualTo(101);
    }

    @Test
    void parallel_evaluation_gives_every_thread_its_own_right_answer() throws Exception {
        Expressions expressions = new Expressions(50);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int task = 0; task < 8; task++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        long index = i % 100;
                        ExpressionContext context = SampleContext.inForeach("{\"n\": " + index + "}", index);
                        String expression = "item.n * 2 + index + " + (i % 60);
                        long expected = index * 3 + (i % 60);
                        if (expressions.evaluate(expression, context).asLong() != expected
                                || !expressions.test("item.n == index", context)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
    }
}
