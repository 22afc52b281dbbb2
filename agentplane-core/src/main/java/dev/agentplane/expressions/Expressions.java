package dev.agentplane.expressions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.types.CelKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The expression language of workflow definitions (docs/expressions.md): CEL conditions, and JSON templates whose
 * strings embed {@code ${{ <cel> }}}. Thread-safe; compiles each distinct expression once and keeps up to
 * {@code cacheSize} of them, so create one per engine and share it.
 */
public final class Expressions {
    /** Longest accepted expression source, in characters. */
    public static final int MAX_EXPRESSION_CHARS = 10_000;
    /** Comprehension steps (map, filter, all, exists… iterations) one evaluation may take. */
    public static final int MAX_ITERATIONS = 100_000;
    /** Longest string an evaluation may build, or an interpolated string may render to. */
    public static final int MAX_STRING_CHARS = 1 << 20;
    /** Characters of strings one evaluation may build in all, however many it discards along the way. */
    public static final int MAX_BUILT_CHARS = 16 << 20;
    /** Most elements of a list (or entries of a map) an evaluation may build. */
    public static final int MAX_LIST_SIZE = 100_000;
    /** Size of one evaluate or render result: characters of its strings and keys plus one per value. */
    public static final int MAX_RESULT_CHARS = 1 << 20;
    public static final int DEFAULT_CACHE_SIZE = 10_000;

    private final ProgramCache cache;

    public Expressions() {
        this(DEFAULT_CACHE_SIZE);
    }

    public Expressions(int cacheSize) {
        this.cache = new ProgramCache(cacheSize);
    }

    /** Evaluates a condition such as {@code inputs.amount > 1000}, optionally wrapped in {@code ${{ }}}. */
    public boolean test(String condition, ExpressionContext context) {
        Bare bare = bare(condition, context);
        Object result = run(bare.expression(), bare.offset(), "", context);
        if (result instanceof Boolean b) {
            return b;
        }
        String got = Renderer.text(CelToJson.convert(result, new OutputBudget(Long.MAX_VALUE)));
        throw failure("", bare.expression(), bare.offset(), new ExpressionFailure("is a condition but returned "
                + (got.length() > 100 ? got.substring(0, 100) + "…" : "'" + got + "'") + ", not true or false",
                "compare explicitly, e.g. x == 'yes', size(x) > 0 or has(x.field)"), context);
    }

    /**
     * Evaluates one expression (optionally wrapped in {@code ${{ }}}) to JSON, keeping its type. It does not say
     * whether the result holds a secret: for values that are stored or passed on, render them instead.
     */
    public JsonNode evaluate(String expression, ExpressionContext context) {
        Bare bare = bare(expression, context);
        return evaluate(bare.expression(), bare.offset(), "", context, new OutputBudget(MAX_RESULT_CHARS));
    }

    /**
     * Renders a template: every string holding {@code ${{ … }}} is replaced, recursively through objects and
     * arrays. A string that is exactly one expression (surrounding whitespace aside) takes the expression's JSON
     * value and type; otherwise each expression's value is written into the text (null as nothing, lists and maps
     * as compact JSON). Object keys are not templated.
     */
    public Rendered render(JsonNode template, ExpressionContext context) {
        return new Renderer(this, context).render(template);
    }

    /** Definition-time check of a condition: syntax, unknown names, and a result that cannot be a bool. */
    public List<ExpressionError> check(String condition) {
        return checkBare(condition, true);
    }

    /** Definition-time check of a whole-string expression of any type, such as a switch value. */
    public List<ExpressionError> checkExpression(String expression) {
        return checkBare(expression, false);
    }

    /** Definition-time check of a template: every embedded expression's syntax and names, with its pointer. */
    public List<ExpressionError> check(JsonNode template) {
        return new TemplateChecker(this).check(template);
    }

    private List<ExpressionError> checkBare(String text, boolean condition) {
        Bare bare;
        try {
            bare = bare(text, ExpressionContext.empty());
        } catch (ExpressionException e) {
            return List.of(e.error());
        }
        List<ExpressionError> errors = new ArrayList<>();
        switch (cache.get(bare.expression())) {
            case Compilation.Invalid invalid -> invalid.problems().forEach(problem ->
                    errors.add(error("", bare.expression(), bare.offset(), problem, SecretRedactor.none())));
            case Compilation.Compiled compiled -> {
                CelKind kind = compiled.resultType().kind();
                if (condition && kind != CelKind.BOOL && kind != CelKind.DYN && kind != CelKind.ANY) {
                    errors.add(new ExpressionError("", bare.expression(), bare.offset() + 1, "is a condition but "
                            + "returns " + compiled.resultType().name() + ", not bool",
                            "compare explicitly, e.g. x == 'yes', size(x) > 0 or has(x.field)"));
                }
            }
        }
        return errors;
    }

    Compilation compiled(String source) {
        return cache.get(source);
    }

    long compilations() {
        return cache.compilations();
    }

    /** {@code offset}: where the expression starts in the string holding it, for positions in errors. */
    JsonNode evaluate(String expression, int offset, String pointer, ExpressionContext context, OutputBudget budget) {
        Object result = run(expression, offset, pointer, context);
        try {
            return CelToJson.convert(result, budget);
        } catch (ExpressionFailure e) {
            throw failure(pointer, expression, offset, e, context);
        }
    }

    private Object run(String expression, int offset, String pointer, ExpressionContext context) {
        try {
            return switch (cache.get(expression)) {
                case Compilation.Compiled compiled -> Evaluator.evaluate(compiled, context);
                case Compilation.Invalid invalid -> throw invalid.problems().getFirst();
            };
        } catch (ExpressionFailure e) {
            throw failure(pointer, expression, offset, e, context);
        }
    }

    ExpressionException failure(String pointer, String expression, int offset, ExpressionFailure failure,
                                ExpressionContext context) {
        return new ExpressionException(error(pointer, expression, offset, failure, context.redactor()));
    }

    static ExpressionError error(String pointer, String expression, int offset, ExpressionFailure failure,
                                 SecretRedactor redactor) {
        int position = failure.offset() >= 0 ? offset + failure.offset() + 1 : 0;
        return new ExpressionError(pointer, expression, position, redactor.redact(failure.detail()), failure.fix());
    }

    /** JSON pointer escaping of one object key. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** A whole string that is one expression: as written, or wrapped in {@code ${{ }}} out of habit. */
    private record Bare(String expression, int offset) {}

    private Bare bare(String text, ExpressionContext context) {
        String source = text == null ? "" : text;
        if (TemplateString.hasExpressions(source)) {
            try {
                var single = TemplateString.parse(source).single();
                if (single.isPresent()) {
                    return new Bare(single.get().expression(), single.get().offset());
                }
            } catch (ExpressionFailure e) {
                throw failure("", source, 0, e, context);
            }
            throw failure("", source, 0, new ExpressionFailure("mixes text and ${{ }}; here the whole string is one "
                    + "expression", "write the expression alone, e.g. inputs.amount > 1000"), context);
        }
        String expression = source.strip();
        if (expression.isEmpty()) {
            throw failure("", source, 0, new ExpressionFailure("is empty",
                    "write an expression, e.g. inputs.amount > 1000"), context);
        }
        return new Bare(expression, source.indexOf(expression));
    }
}
