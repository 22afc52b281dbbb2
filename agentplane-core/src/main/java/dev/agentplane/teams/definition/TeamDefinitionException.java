package dev.agentplane.teams.definition;

import java.util.List;
import java.util.stream.Collectors;

/** A team file (or a set of them) cannot be used; the message lists every problem, one per line. */
public final class TeamDefinitionException extends RuntimeException {
    private final List<TeamProblem> problems;

    public TeamDefinitionException(List<TeamProblem> problems) {
        super(problems.stream().map(TeamProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<TeamProblem> problems() {
        return problems;
    }
}
