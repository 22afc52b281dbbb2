package dev.agentplane.teams.definition;

import java.nio.file.Path;
import java.util.List;

/** What reading one team file came to: a team (perhaps with warnings) or the list of everything wrong with it. */
public sealed interface TeamFile permits TeamFile.Valid, TeamFile.Invalid {
    Path file();

    /** The team's {@code name:} when the file has a readable one (an invalid file may), else null. */
    String name();

    /** The team, or a {@link TeamDefinitionException} listing the file's errors. */
    TeamDefinition orThrow();

    /** {@code warnings}: tools the runner will not offer, and other things that do not stop the team from running. */
    record Valid(Path file, TeamDefinition team, List<TeamProblem> warnings) implements TeamFile {
        public Valid {
            warnings = List.copyOf(warnings);
        }

        @Override
        public String name() {
            return team.name();
        }

        @Override
        public TeamDefinition orThrow() {
            return team;
        }
    }

    /** {@code errors}: every problem found, in file order; never empty. */
    record Invalid(Path file, String name, List<TeamProblem> errors) implements TeamFile {
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid team file needs at least one error");
            }
        }

        @Override
        public TeamDefinition orThrow() {
            throw new TeamDefinitionException(errors);
        }
    }
}
