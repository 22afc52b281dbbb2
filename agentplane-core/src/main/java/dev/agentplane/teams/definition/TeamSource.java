package dev.agentplane.teams.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.yaml.LocatedYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One team file being read: its tree with lines, and the errors and warnings found so far, each located. */
final class TeamSource {
    private final Path file;
    private final LocatedYaml located;
    private final List<TeamProblem> errors = new ArrayList<>();
    private final List<TeamProblem> warnings = new ArrayList<>();

    TeamSource(Path file, LocatedYaml located) {
        this.file = file;
        this.located = located;
    }

    Path file() {
        return file;
    }

    /** The node at {@code pointer}; null when it is absent or written empty ({@code key:} with no value). */
    JsonNode node(String pointer) {
        JsonNode node = located.tree().at(pointer);
        return node.isMissingNode() || node.isNull() ? null : node;
    }

    void error(String pointer, String message) {
        errors.add(problem(file, located.tree(), located.lineOf(pointer), pointer, message));
    }

    void warning(String pointer, String message) {
        warnings.add(problem(file, located.tree(), located.lineOf(pointer), pointer, message));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** The errors in file order (a problem found later in the walk may sit earlier in the file). */
    List<TeamProblem> errors() {
        return inFileOrder(errors);
    }

    List<TeamProblem> warnings() {
        return inFileOrder(warnings);
    }

    /** A problem at {@code pointer}; the file as a whole when the pointer is empty ("the file is empty"). */
    static TeamProblem problem(Path file, JsonNode tree, int line, String pointer, String message) {
        return pointer.isEmpty() ? new TeamProblem(file, line, "", "the file " + message)
                : new TeamProblem(file, line, FieldPath.of(pointer, tree), message);
    }

    private static List<TeamProblem> inFileOrder(List<TeamProblem> problems) {
        return problems.stream().sorted(Comparator.comparingInt(TeamProblem::line)).toList();
    }
}
