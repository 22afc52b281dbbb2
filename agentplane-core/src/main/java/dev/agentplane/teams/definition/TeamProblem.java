package dev.agentplane.teams.definition;

import java.nio.file.Path;

/**
 * Something wrong (or, as a warning, worth knowing) in a team file: the file, the line (0 when the file could not
 * be read at all), the field in dotted form ({@code agents[1].max_steps}; empty for the file as a whole) and what
 * is wrong with it. Printed as {@code teams/infra.yaml:14: agents[1].max_steps must be a whole number …}.
 */
public record TeamProblem(Path file, int line, String field, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + " ") + message;
    }
}
