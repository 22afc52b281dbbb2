package dev.agentplane.server.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The templates are found in the classes directory (tests, development) and in a jar (the server's fat jar). */
class TemplateFilesTest {
    @TempDir
    Path dir;

    @Test
    void reads_the_templates_from_a_jar_without_directory_entries_and_from_a_directory() throws IOException {
        Path jar = dir.resolve("server.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "templates/b.yaml", "name: b\n");
            entry(out, "templates/a.yaml", "name: a\n");
            entry(out, "templates/notes.txt", "not a template");
            entry(out, "dev/agentplane/Other.class", "");
        }
        Files.createDirectories(dir.resolve("classes/templates"));
        Files.writeString(dir.resolve("classes/templates/c.yaml"), "name: c\n");

        assertThat(TemplateFiles.load(jar)).containsExactly(java.util.Map.entry("a", "name: a\n"), java.util.Map.entry("b", "name: b\n"));
        assertThat(TemplateFiles.load(dir.resolve("classes"))).containsOnlyKeys("c");
        assertThat(TemplateFiles.load()).containsKeys("data_extraction", "human_in_loop", "multi_agent_handoff",
                "stateful_conversation", "progressive_disclosure", "error_recovery", "cost_aware_execution");
        assertThatThrownBy(() -> TemplateFiles.load(dir)).hasMessageContaining("examples/workflows/templates");
    }

    private static void entry(JarOutputStream jar, String name, String text) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        OutputStream out = jar;
        out.write(text.getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
    }
}
