package dev.agentplane.teams.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.yaml.LocatedYaml;
import dev.agentplane.common.yaml.YamlSyntaxException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a team file, YAML or (named {@code *.json}) JSON, in Plagentic's format as it is plus AgentPlane's
 * extensions. Every error names the file, the line and the field, and all of them are reported at once.
 */
public final class TeamParser {
    public static final int MAX_FILE_BYTES = 1_000_000;

    private TeamParser() {}

    public static TeamFile parse(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                return invalid(file, 0, "is " + size + " bytes; a team file may have at most " + MAX_FILE_BYTES);
            }
            return parse(file, Files.readString(file));
        } catch (CharacterCodingException e) {
            return invalid(file, 0, "is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            return invalid(file, 0, "cannot be read: " + e);
        }
    }

    /** Parses {@code text} as the content of {@code file} (which only names it in problems and picks the syntax). */
    public static TeamFile parse(Path file, String text) {
        List<TeamProblem> readerErrors = new ArrayList<>();
        LocatedYaml located;
        try {
            located = LocatedYaml.read(syntaxOf(file), text, (pointer, line, detail, fix) ->
                    readerErrors.add(TeamSource.problem(file, null, line, pointer, detail + "; " + fix)));
        } catch (YamlSyntaxException e) {
            return new TeamFile.Invalid(file, null, List.of(TeamSource.problem(file, null, e.line(), e.pointer(),
                    e.detail() + "; " + e.fix())));
        }
        JsonNode root = located.tree();
        if (root.isMissingNode() || root.isNull()) {
            return invalid(file, 1, "is empty; a team file needs at least name and agents");
        }
        if (!root.isObject()) {
            return invalid(file, located.lineOf(""), "must be a mapping with name, model and agents, not " + Fields.describe(root));
        }
        TeamSource source = new TeamSource(file, located);
        TeamDefinition team = new TeamReader(source).read(root);
        String name = root.path("name").isTextual() ? root.path("name").asText() : null;
        if (!readerErrors.isEmpty() || team == null) {
            // An alias is read as its name: the field's own check of that text would only repeat the problem.
            Set<String> aliased = readerErrors.stream().map(TeamProblem::field).collect(Collectors.toSet());
            List<TeamProblem> errors = new ArrayList<>(readerErrors);
            source.errors().stream().filter(e -> !aliased.contains(e.field())).forEach(errors::add);
            errors.sort(Comparator.comparingInt(TeamProblem::line));
            return new TeamFile.Invalid(file, name, errors);
        }
        return new TeamFile.Valid(file, team, source.warnings());
    }

    /** True for the file names a team can have: {@code *.yaml}, {@code *.yml} and {@code *.json}. */
    public static boolean isTeamFileName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static LocatedYaml.Syntax syntaxOf(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                ? LocatedYaml.Syntax.JSON : LocatedYaml.Syntax.YAML;
    }

    private static TeamFile invalid(Path file, int line, String message) {
        return new TeamFile.Invalid(file, null, List.of(new TeamProblem(file, line, "", "the file " + message)));
    }
}
