package dev.agentplane.teams.tools.file;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.teams.tools.ToolResult;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** The entries of a workspace directory, sorted: {@code dir/}, {@code file (N bytes)}, links shown, never followed. */
final class FileListing {
    private final FileSettings settings;

    FileListing(FileSettings settings) {
        this.settings = settings;
    }

    ToolResult list(WorkspacePaths paths, String path, boolean recursive) throws IOException {
        Path directory = paths.resolve("path", path);
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return ToolResult.error("'" + path + "' does not exist; list '.' to see the workspace");
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return ToolResult.error("'" + path + "' is a file, not a directory; use operation 'read' to see it");
        }
        List<String> entries = new ArrayList<>();
        int limit = settings.maxListEntries();
        Files.walkFileTree(directory, EnumSet.noneOf(java.nio.file.FileVisitOption.class), recursive ? Integer.MAX_VALUE : 1,
                new FileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                        if (!dir.equals(directory)) {
                            entries.add(paths.name(dir) + "/");
                        }
                        return entries.size() > limit ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        entries.add(paths.name(file) + (attributes.isDirectory() ? "/"
                                : attributes.isSymbolicLink() ? " (symbolic link, not followed)"
                                : attributes.isRegularFile() ? " (" + attributes.size() + " bytes)" : " (special file)"));
                        return entries.size() > limit ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        entries.add(paths.name(file) + " (unreadable: " + e.getClass().getSimpleName() + ")");
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
        boolean more = entries.size() > limit;
        List<String> shown = entries.stream().sorted().limit(limit).toList();
        ArrayNode items = Json.MAPPER.createArrayNode();
        shown.forEach(items::add);
        ObjectNode data = Json.object().put("path", paths.name(directory)).put("truncated", more);
        data.set("entries", items);
        String text = shown.isEmpty() ? "'" + paths.name(directory) + "' is empty" : String.join("\n", shown);
        if (more) {
            text += "\n[… more entries not shown: at most " + limit + " are listed; list a subdirectory instead …]";
        }
        return ToolResult.ok(text, data);
    }
}
