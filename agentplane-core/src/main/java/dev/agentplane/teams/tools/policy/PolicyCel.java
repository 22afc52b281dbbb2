package dev.agentplane.teams.tools.policy;

import dev.agentplane.expressions.Expressions;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;

/**
 * The CEL environment of policy rules: the same options, macros and extensions as workflow expressions (strings,
 * math, optional values), plus {@code cel.bind} for naming a value, over two variables: {@code resource} (one
 * resource change) and {@code required_tags}. Thread-safe.
 */
final class PolicyCel {
    static final String RESOURCE = "resource";
    static final String REQUIRED_TAGS = "required_tags";
    private static final PolicyCel INSTANCE = new PolicyCel();

    private final Cel cel;

    private PolicyCel() {
        CelOptions options = CelOptions.current()
                .enableHeterogeneousNumericComparisons(true)
                .enableOptionalSyntax(true)
                .maxExpressionCodePointSize(Expressions.MAX_EXPRESSION_CHARS)
                .comprehensionMaxIterations(Expressions.MAX_ITERATIONS)
                .build();
        this.cel = CelFactory.legacyCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.strings(), CelExtensions.math(options),
                        CelExtensions.optional(), CelExtensions.bindings())
                .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.math(options), CelExtensions.optional())
                .addVar(RESOURCE, SimpleType.DYN)
                .addVar(REQUIRED_TAGS, SimpleType.DYN)
                .build();
    }

    static PolicyCel get() {
        return INSTANCE;
    }

    /** A compiled program, or an {@link IllegalArgumentException} saying why the source is not one of that kind. */
    CelRuntime.Program compile(String source, boolean condition) {
        CelAbstractSyntaxTree ast;
        try {
            ast = cel.compile(source).getAst();
        } catch (CelValidationException e) {
            throw new IllegalArgumentException(e.getErrors().isEmpty() ? e.getMessage()
                    : e.getErrors().getFirst().getMessage() + " (line " + e.getErrors().getFirst()
                            .getSourceLocation().getLine() + ", column " + (e.getErrors().getFirst()
                            .getSourceLocation().getColumn() + 1) + ")");
        }
        CelKind kind = ast.getResultType().kind();
        CelKind wanted = condition ? CelKind.BOOL : CelKind.STRING;
        if (kind != wanted && kind != CelKind.DYN && kind != CelKind.ANY) {
            throw new IllegalArgumentException("returns " + ast.getResultType().name() + ", not "
                    + (condition ? "bool" : "string"));
        }
        try {
            return cel.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    static Object evaluate(CelRuntime.Program program, Map<String, Object> variables) throws CelEvaluationException {
        return program.eval(variables);
    }
}
