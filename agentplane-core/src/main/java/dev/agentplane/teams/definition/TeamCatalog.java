package dev.agentplane.teams.definition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The team files of a directory ({@code ./teams} unless told otherwise): every {@code *.yaml}, {@code *.yml} and
 * {@code *.json} directly in it, in file-name order. Two files naming the same team are both invalid, each error
 * naming the other file, so {@code agentplane run <team>} is never ambiguous.
 */
public final class TeamCatalog {
    public static final Path DEFAULT_DIRECTORY = Path.of("teams");

    private final Path directory;
    private final List<TeamFile> files;

    private TeamCatalog(Path directory, List<TeamFile> files) {
        this.directory = directory;
        this.files = List.copyOf(files);
    }

    /** Reads every team file of {@code directory}; throws when it does not exist or is not a directory. */
    public static TeamCatalog scan(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw Files.exists(directory) ? new NotDirectoryException(directory.toString())
                    : new NoSuchFileException(directory.toString());
        }
        List<Path> paths;
        try (Stream<Path> list = Files.list(directory)) {
            paths = list.filter(p -> !p.getFileName().toString().startsWith(".") && TeamParser.isTeamFileName(p)
                    && Files.isRegularFile(p)).sorted().toList();
        }
        return new TeamCatalog(directory, withoutDuplicateNames(paths.stream().map(TeamParser::parse).toList()));
    }

    public Path directory() {
        return directory;
    }

    /** Every team file, valid or not, in file-name order. */
    public List<TeamFile> files() {
        return files;
    }

    public List<TeamFile.Valid> teams() {
        return files.stream().filter(f -> f instanceof TeamFile.Valid).map(f -> (TeamFile.Valid) f).toList();
    }

    /** Every error of every invalid file, file by file. */
    public List<TeamProblem> errors() {
        return files.stream().filter(f -> f instanceof TeamFile.Invalid)
                .flatMap(f -> ((TeamFile.Invalid) f).errors().stream()).toList();
    }

    /**
     * The file of the team named {@code team} by its {@code name:}, else by its file name (with or without the
     * extension: {@code infra-team} finds {@code infra-team.yaml}). It may be invalid: the caller shows its errors.
     */
    public Optional<TeamFile> find(String team) {
        return files.stream().filter(f -> team.equals(f.name())).findFirst()
                .or(() -> files.stream().filter(f -> fileNameMatches(f.file(), team)).findFirst());
    }

    private static boolean fileNameMatches(Path file, String team) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return name.equals(team) || (dot > 0 && name.substring(0, dot).equals(team));
    }

    private static List<TeamFile> withoutDuplicateNames(List<TeamFile> files) {
        Map<String, List<Path>> byName = files.stream().filter(f -> f.name() != null).collect(
                Collectors.groupingBy(TeamFile::name, LinkedHashMap::new, Collectors.mapping(TeamFile::file, Collectors.toList())));
        List<TeamFile> result = new ArrayList<>();
        for (TeamFile file : files) {
            List<Path> same = file.name() == null ? List.of() : byName.get(file.name());
            if (same.size() < 2) {
                result.add(file);
                continue;
            }
            String others = same.stream().filter(p -> !p.equals(file.file())).map(Path::toString)
                    .collect(Collectors.joining(", "));
            List<TeamProblem> errors = new ArrayList<>();
            if (file instanceof TeamFile.Invalid invalid) {
                errors.addAll(invalid.errors());
            }
            errors.add(new TeamProblem(file.file(), 0, "name", "'" + file.name() + "' is also the name of the team in "
                    + others + "; give each team its own name"));
            result.add(new TeamFile.Invalid(file.file(), file.name(), errors));
        }
        return result;
    }
}
