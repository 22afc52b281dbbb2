package dev.agentplane.expressions;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;
import java.util.Collection;
import java.util.Map;

/**
 * Watches every value one evaluation computes and stops it when a function builds a string or list larger than
 * the limits, or the strings it builds add up to more than {@link Expressions#MAX_BUILT_CHARS}. CEL always
 * terminates, but without this a comprehension could concatenate its way to gigabytes before it does.
 * One instance per evaluation: it counts.
 */
final class EvaluationGuard implements CelEvaluationListener {
    private final Map<Long, Integer> positions;
    private long builtChars;

    /** {@code positions}: source offset of each expression node, to say where the limit was hit. */
    EvaluationGuard(Map<Long, Integer> positions) {
        this.positions = positions;
    }

    @Override
    public void callback(CelExpr expr, Object result) {
        CelExpr.ExprKind.Kind kind = expr.exprKind().getKind();
        if (kind != CelExpr.ExprKind.Kind.CALL && kind != CelExpr.ExprKind.Kind.LIST
                && kind != CelExpr.ExprKind.Kind.MAP) {
            return;
        }
        if (result instanceof String s) {
            if (s.length() > Expressions.MAX_STRING_CHARS) {
                throw failure(expr, "builds a string of " + s.length() + " characters; the limit is "
                        + Expressions.MAX_STRING_CHARS);
            }
            builtChars += s.length();
            if (builtChars > Expressions.MAX_BUILT_CHARS) {
                throw failure(expr, "builds more than " + Expressions.MAX_BUILT_CHARS
                        + " characters of strings in one evaluation");
            }
        } else if (result instanceof Collection<?> list && list.size() > Expressions.MAX_LIST_SIZE) {
            throw failure(expr, "builds a list of " + list.size() + " elements; the limit is "
                    + Expressions.MAX_LIST_SIZE);
        } else if (result instanceof Map<?, ?> map && map.size() > Expressions.MAX_LIST_SIZE) {
            throw failure(expr, "builds a map of " + map.size() + " entries; the limit is "
                    + Expressions.MAX_LIST_SIZE);
        }
    }

    private ExpressionFailure failure(CelExpr expr, String detail) {
        return new ExpressionFailure(positions.getOrDefault(expr.id(), -1), detail,
                "work on less data: filter or slice the input first, or let a tool step do the heavy lifting");
    }
}
