package dev.agentplane.server.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The workflow templates packaged with the server: the build copies examples/workflows/templates/*.yaml, their only
 * source, into {@code templates/} of this module's classes, and so into its jar and the fat jar.
 */
public final class TemplateFiles {
    private static final String DIRECTORY = "templates";

    private TemplateFiles() {}

    /** Each template's text by name (its file name without {@code .yaml}). */
    public static Map<String, String> load() {
        try {
            return load(Path.of(TemplateFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the server's classes are at a location that is not a path", e);
        }
    }

    /** From {@code location}: a directory of classes (in development and tests) or a jar. */
    static Map<String, String> load(Path location) {
        try {
            if (Files.isDirectory(location)) {
                return read(location.resolve(DIRECTORY));
            }
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                return read(jar.getPath(DIRECTORY));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the workflow templates from " + location + " failed", e);
        }
    }

    private static Map<String, String> read(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException(directory + " is missing: the build copies it from examples/workflows/templates");
        }
        Map<String, String> templates = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).toList()) {
                String name = file.getFileName().toString();
                templates.put(name.substring(0, name.length() - ".yaml".length()), Files.readString(file));
            }
        }
        return templates;
    }
}
