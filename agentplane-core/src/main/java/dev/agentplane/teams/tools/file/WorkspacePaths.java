package dev.agentplane.teams.tools.file;

import dev.agentplane.teams.tools.support.ToolArgumentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a path the model gave into a path inside the workspace, or refuses it: absolute paths, {@code ..}
 * segments and symbolic links anywhere on the way (each component is looked at without following links, and an
 * existing path's real location must still be inside the workspace). What a refusal says is meant for the model.
 */
final class WorkspacePaths {
    private final Path root;

    WorkspacePaths(Path workspace) {
        if (workspace == null || !Files.isDirectory(workspace)) {
            throw new IllegalStateException("the run's workspace " + workspace + " is not a directory");
        }
        try {
            root = workspace.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    /** The workspace-relative name of a path inside it: "." for the workspace itself. */
    String name(Path path) {
        String relative = root.relativize(path).toString();
        return relative.isEmpty() ? "." : relative;
    }

    Path resolve(String argument, String path) {
        if (path.isEmpty()) {
            throw new ToolArgumentException("argument '" + argument + "' is empty; use '.' for the workspace itself");
        }
        if (path.indexOf('\0') >= 0) {
            throw new ToolArgumentException("argument '" + argument + "' contains a NUL character");
        }
        if (path.startsWith("/") || path.startsWith("\\") || path.startsWith("~") || path.matches("^[A-Za-z]:.*")) {
            throw new ToolArgumentException("path '" + path + "' is refused: absolute paths (and ~) are not allowed; "
                    + "give a path relative to the workspace, e.g. 'src/main.tf'");
        }
        String[] segments = path.split("/");
        for (String segment : segments) {
            if (segment.equals("..")) {
                throw new ToolArgumentException("path '" + path + "' is refused: '..' segments are not allowed, so "
                        + "no path can leave the workspace; name files from the workspace root, e.g. 'dir/file.txt'");
            }
        }
        List<String> names = Arrays.stream(segments).filter(s -> !s.isEmpty() && !s.equals(".")).toList();
        Path current = root;
        for (int i = 0; i < names.size(); i++) {
            current = current.resolve(names.get(i));
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                // the rest does not exist yet: a write creates it, a read says it is missing
                return root.resolve(String.join("/", names));
            } catch (IOException e) {
                throw new ToolArgumentException("path '" + path + "' cannot be looked at: " + e.getMessage());
            }
            if (attributes.isSymbolicLink()) {
                throw new ToolArgumentException("path '" + path + "' is refused: '" + name(current) + "' is a symbolic "
                        + "link, and links are not followed, so that no path leads outside the workspace");
            }
            if (!attributes.isDirectory() && i < names.size() - 1) {
                throw new ToolArgumentException("path '" + path + "' is refused: '" + name(current) + "' is a file, "
                        + "not a directory");
            }
        }
        return insideWorkspace(path, current);
    }

    private Path insideWorkspace(String path, Path resolved) {
        if (!Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
            return resolved;
        }
        try {
            if (!resolved.toRealPath().startsWith(root)) {
                throw new ToolArgumentException("path '" + path + "' is refused: it resolves outside the workspace");
            }
        } catch (IOException e) {
            throw new ToolArgumentException("path '" + path + "' cannot be looked at: " + e.getMessage());
        }
        return resolved;
    }

    /** Creates the missing directories between the workspace and {@code directory}, refusing links on the way. */
    void createDirectories(Path directory) throws IOException {
        Path current = root;
        for (Path part : root.relativize(directory)) {
            current = current.resolve(part);
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            }
            if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new ToolArgumentException("'" + name(current) + "' is not a directory (a file or a link), so "
                        + "nothing can be written below it");
            }
        }
    }
}
