package dev.agentplane.teams.tools.file;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.teams.tools.ToolResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Finds lines holding a text or matching a regular expression in the workspace's files, as {@code file:line: text},
 * capped at the team's {@code max_search_matches}. Links are not followed; binary files, files larger than
 * {@code max_read_bytes} and {@code .git} directories are skipped.
 */
final class FileSearch {
    private static final int MAX_LINE_CHARS = 200;
    private final FileSettings settings;

    FileSearch(FileSettings settings) {
        this.settings = settings;
    }

    ToolResult search(WorkspacePaths paths, String path, String pattern, boolean regex, Duration timeout) throws IOException {
        if (pattern.isEmpty()) {
            return ToolResult.error("argument 'pattern' is empty; give the text to look for");
        }
        Deadline deadline = new Deadline(timeout);
        Predicate<String> matches;
        try {
            Pattern compiled = Pattern.compile(regex ? pattern : Pattern.quote(pattern));
            matches = line -> compiled.matcher(deadline.guard(line)).find();
        } catch (PatternSyntaxException e) {
            return ToolResult.error("argument 'pattern' is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex() + "; set regex to false to search for the text as it is");
        }
        Path start = paths.resolve("path", path);
        if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
            return ToolResult.error("'" + path + "' does not exist; search '.' for the whole workspace");
        }
        List<String> found = new ArrayList<>();
        int files = 0;
        int skipped = 0;
        boolean more = false;
        List<Path> candidates;
        try (Stream<Path> walk = Files.walk(start)) {
            candidates = walk.filter(p -> !inGitDirectory(paths, p) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted().toList();
        }
        try {
            for (Path file : candidates) {
                if (Files.size(file) > settings.maxReadBytes()) {
                    skipped++;
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                if (FileOperations.looksBinary(bytes)) {
                    continue;
                }
                files++;
                more = searchFile(paths.name(file), bytes, matches, found);
                if (more) {
                    break;
                }
                if (deadline.passed()) {
                    throw new Deadline.Expired();
                }
            }
        } catch (Deadline.Expired e) {
            return ToolResult.error("the search took longer than " + timeout.toSeconds() + " s and was stopped; use a "
                    + "simpler pattern or a narrower path");
        }
        return result(pattern, paths.name(start), found, files, skipped, more);
    }

    private static boolean inGitDirectory(WorkspacePaths paths, Path path) {
        for (Path part : paths.root().relativize(path)) {
            if (part.toString().equals(".git")) {
                return true;
            }
        }
        return false;
    }

    /** Adds the file's matching lines; true when the cap was reached before its end. */
    private boolean searchFile(String name, byte[] bytes, Predicate<String> matches, List<String> found) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
        int number = 0;
        for (String line; (line = lines.readLine()) != null; ) {
            number++;
            if (matches.test(line)) {
                if (found.size() == settings.maxSearchMatches()) {
                    return true;
                }
                String shown = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "…" : line;
                found.add(name + ":" + number + ": " + shown.strip());
            }
        }
        return false;
    }

    private ToolResult result(String pattern, String where, List<String> found, int files, int skipped, boolean more) {
        ArrayNode matches = Json.MAPPER.createArrayNode();
        found.forEach(matches::add);
        ObjectNode data = Json.object().put("files_searched", files).put("files_skipped", skipped).put("truncated", more);
        data.set("matches", matches);
        String skippedNote = skipped == 0 ? "" : "; " + skipped + " file(s) larger than " + settings.maxReadBytes()
                + " bytes were skipped";
        if (found.isEmpty()) {
            return ToolResult.ok("no line matches '" + pattern + "' in '" + where + "' (" + files + " files searched"
                    + skippedNote + ")", data);
        }
        String head = found.size() + " matching line(s) in '" + where + "' (" + files + " files searched" + skippedNote + ")"
                + (more ? "; stopped at " + settings.maxSearchMatches() + " matches: narrow the pattern or the path" : "");
        return ToolResult.ok(head + "\n" + String.join("\n", found), data);
    }
}
