package dev.agentplane.expressions;

import dev.cel.common.types.CelType;
import dev.cel.runtime.CelRuntime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What compiling one expression source gave: a program to run, or the problems that prevent it. */
sealed interface Compilation {

    /**
     * A checked, ready program. {@code variables}: the context variables it reads (secrets among them means its
     * result must not be stored as is); {@code positions}: source offset of each expression node id.
     */
    record Compiled(CelRuntime.Program program, Set<String> variables, CelType resultType,
                    Map<Long, Integer> positions) implements Compilation {
        boolean usesSecrets() {
            return variables.contains(ExpressionContext.SECRETS);
        }
    }

    /** Offsets are 0-based within the expression source, -1 when unknown. */
    record Invalid(List<ExpressionFailure> problems) implements Compilation {}
}
