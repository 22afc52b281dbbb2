package dev.agentplane.expressions;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The CEL environment of workflow expressions: the context variables, all dynamically typed, the standard
 * macros and functions, and the string, math, base64 and optional extensions. Thread-safe.
 */
final class ExpressionCompiler {
    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']*)'.*");
    private static final Pattern NO_OVERLOAD = Pattern.compile(
            "found no matching overload for '([^']*)' applied to '([^']*)'.*", Pattern.DOTALL);
    private static final Pattern EXPECTING = Pattern.compile(" expecting \\{[^}]{40,}}");
    private static final String SEE_DOCS = "see docs/expressions.md for the syntax and the functions";

    private final Cel cel;

    ExpressionCompiler() {
        CelOptions options = CelOptions.current()
                .enableHeterogeneousNumericComparisons(true)
                .enableOptionalSyntax(true)
                .maxExpressionCodePointSize(Expressions.MAX_EXPRESSION_CHARS)
                .comprehensionMaxIterations(Expressions.MAX_ITERATIONS)
                .build();
        // The legacy runtime, not the planner: the planner re-adapts a whole map or list variable on every field
        // access, so `inputs.x` would cost time proportional to the size of all inputs.
        CelBuilder builder = CelFactory.legacyCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.strings(), CelExtensions.math(options),
                        CelExtensions.encoders(options), CelExtensions.optional())
                .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.math(options),
                        CelExtensions.encoders(options), CelExtensions.optional());
        for (String variable : ExpressionContext.VARIABLES) {
            builder.addVar(variable, SimpleType.DYN);
        }
        this.cel = builder.build();
    }

    Compilation compile(String source) {
        CelAbstractSyntaxTree ast;
        try {
            ast = cel.compile(source).getAst();
        } catch (CelValidationException e) {
            return new Compilation.Invalid(e.getErrors().stream().map(issue -> problem(source, issue)).toList());
        }
        Set<String> variables = ast.getReferenceMap().values().stream().map(CelReference::name)
                .filter(ExpressionContext.VARIABLES::contains).collect(Collectors.toUnmodifiableSet());
        try {
            return new Compilation.Compiled(cel.createProgram(ast), variables, ast.getResultType(),
                    ast.getSource().getPositionsMap());
        } catch (CelEvaluationException e) {
            return new Compilation.Invalid(List.of(new ExpressionFailure(e.getMessage(), SEE_DOCS)));
        }
    }

    private static ExpressionFailure problem(String source, CelIssue issue) {
        int offset = offset(source, issue.getSourceLocation().getLine(), issue.getSourceLocation().getColumn());
        String message = issue.getMessage();
        Matcher undeclared = UNDECLARED.matcher(message);
        if (undeclared.matches()) {
            return new ExpressionFailure(offset, "unknown name '" + undeclared.group(1) + "'",
                    "use one of the variables " + String.join(", ", ExpressionContext.VARIABLES)
                            + ", or a function listed in docs/expressions.md (string literals need quotes)");
        }
        Matcher overload = NO_OVERLOAD.matcher(message);
        if (overload.matches()) {
            return new ExpressionFailure(offset, "'" + Evaluator.operator(overload.group(1)) + "' cannot take "
                    + overload.group(2), "check the function name, its arguments and their types; " + SEE_DOCS);
        }
        return new ExpressionFailure(offset, "syntax error: " + syntax(message), SEE_DOCS);
    }

    /** ANTLR's message without its list of every token it would have accepted. */
    private static String syntax(String message) {
        String shorter = EXPECTING.matcher(message).replaceAll("");
        return shorter.replace("mismatched input '<EOF>'", "unexpected end of the expression")
                .replace("mismatched input", "unexpected");
    }

    /** The 0-based offset of a 1-based line and 0-based column, or -1 when CEL gave no location. */
    private static int offset(String source, int line, int column) {
        if (line < 1 || column < 0) {
            return -1;
        }
        int start = 0;
        for (int l = 1; l < line; l++) {
            int newline = source.indexOf('\n', start);
            if (newline < 0) {
                return -1;
            }
            start = newline + 1;
        }
        return Math.min(source.length(), start + column);
    }
}
