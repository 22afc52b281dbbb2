package dev.agentplane.cli.testrun;

import java.util.List;

/**
 * The test cannot run as asked (exit code 2): a definition or input the server would refuse, a bad flag, or a step
 * that waits for something no flag answers. Each problem says where and what to change.
 */
public final class UsageProblem extends RuntimeException {
    private final List<Problem> problems;

    /** One problem: where (a JSON pointer of the definition or input, a flag, or a step), what, and the fix. */
    public record Problem(String where, String detail, String fix) {
        @Override
        public String toString() {
            return (where == null || where.isEmpty() ? "" : where + ": ") + detail + (fix == null ? "" : "; fix: " + fix);
        }
    }

    UsageProblem(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).reduce((a, b) -> a + "\n" + b).orElse(""));
        this.problems = List.copyOf(problems);
    }

    UsageProblem(String detail, String fix) {
        this(List.of(new Problem(null, detail, fix)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
