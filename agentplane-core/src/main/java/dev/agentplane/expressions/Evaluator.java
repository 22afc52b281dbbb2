package dev.agentplane.expressions;

import dev.cel.common.CelErrorCode;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelUnknownSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs one compiled expression over a context and explains CEL's runtime errors in workflow terms. */
final class Evaluator {
    private static final Pattern CEL_MESSAGE = Pattern.compile("evaluation error(?: at [^:]*:(\\d+))?: (.*)",
            Pattern.DOTALL);
    private static final Pattern NO_OVERLOAD = Pattern.compile("No matching overload for function '([^']*)'.*",
            Pattern.DOTALL);

    private Evaluator() {}

    /** The raw CEL result; throws {@link ExpressionFailure} with the offset CEL reported. */
    static Object evaluate(Compilation.Compiled compiled, ExpressionContext context) {
        Object result;
        try {
            result = compiled.program().trace(context.resolver(), new EvaluationGuard(compiled.positions()));
        } catch (CelEvaluationException e) {
            throw translate(e);
        } catch (ExpressionFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ExpressionFailure("failed: " + e, "see docs/expressions.md");
        }
        if (result instanceof CelUnknownSet) {
            throw unset(compiled, context);
        }
        return result;
    }

    /** CEL gives an unbound variable an "unknown" value, which spreads to every result that depends on it. */
    private static ExpressionFailure unset(Compilation.Compiled compiled, ExpressionContext context) {
        List<String> unset = ExpressionContext.VARIABLES.stream()
                .filter(name -> compiled.variables().contains(name) && !context.isSet(name)).toList();
        String names = unset.isEmpty() ? "a variable" : String.join(" and ", unset);
        return new ExpressionFailure("depends on " + names + ", which " + (unset.size() > 1 ? "are" : "is")
                + " not set here", "item and index exist only inside a foreach step and execution only while an "
                + "execution runs; test with has() or move the expression into the step that sets it");
    }

    private static ExpressionFailure translate(CelEvaluationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ExpressionFailure failure) {
                return failure;
            }
        }
        Matcher parts = CEL_MESSAGE.matcher(e.getMessage() == null ? "" : e.getMessage());
        int offset = -1;
        String message = e.getMessage();
        if (parts.matches()) {
            offset = parts.group(1) == null ? -1 : Integer.parseInt(parts.group(1));
            message = parts.group(2);
        }
        message = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
        return new ExpressionFailure(offset, detail(e.getErrorCode(), message), fix(e.getErrorCode()));
    }

    private static String detail(CelErrorCode code, String message) {
        return switch (code) {
            case ATTRIBUTE_NOT_FOUND -> message.startsWith("key ") ? message : "key " + message + " is not present";
            case OVERLOAD_NOT_FOUND -> {
                Matcher overload = NO_OVERLOAD.matcher(message);
                yield overload.matches() ? "'" + operator(overload.group(1)) + "' cannot take values of these types"
                        : message;
            }
            case ITERATION_BUDGET_EXCEEDED -> "takes more than " + Expressions.MAX_ITERATIONS
                    + " comprehension steps (map, filter, all, exists…)";
            case BAD_FORMAT -> "cannot convert: " + message;
            default -> message;
        };
    }

    /** CEL's internal operator names ("_+_", "_[_]", "!_") as written in expressions. */
    static String operator(String function) {
        return function.contains("_") && function.chars().noneMatch(Character::isLetter)
                ? function.replace("_", "") : function;
    }

    private static String fix(CelErrorCode code) {
        return switch (code) {
            case ATTRIBUTE_NOT_FOUND -> "check the spelling; if the key may be missing, test it with has(x.key) "
                    + "or read it with a default: x.?key.orValue(default)";
            case INDEX_OUT_OF_BOUNDS -> "check the length first, e.g. size(list) > 2 ? list[2] : null";
            case DIVIDE_BY_ZERO -> "guard the divisor, e.g. n == 0 ? 0 : total / n";
            case OVERLOAD_NOT_FOUND -> "the operands have types the operator or function does not accept (e.g. "
                    + "a string plus a number, or an int compared with a string): convert with string(), int() "
                    + "or double()";
            case NUMERIC_OVERFLOW -> "the result does not fit a 64-bit integer: compute in double()";
            case ITERATION_BUDGET_EXCEEDED -> "work on less data: filter the list first or use a foreach step";
            case BAD_FORMAT, INVALID_ARGUMENT -> "check the value before converting it, e.g. with matches()";
            default -> "see docs/expressions.md";
        };
    }
}
