package dev.agentplane.teams.tools.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.ToolResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** file and saveFile on real files in a temporary workspace. */
class FileToolTest {
    @TempDir
    Path workspace;
    @TempDir
    Path outside;

    private final FileTool tool = new FileTool(FileSettings.defaults());

    private ToolContext context() {
        return new ToolContext(workspace, "run-1", "writer", Duration.ofSeconds(30));
    }

    private ToolResult call(FileTool tool, String operation, Object... pairs) {
        ObjectNode args = Json.object().put("operation", operation);
        for (int i = 0; i < pairs.length; i += 2) {
            args.set((String) pairs[i], Json.MAPPER.valueToTree(pairs[i + 1]));
        }
        return tool.run(args, context());
    }

    private ToolResult call(String operation, Object... pairs) {
        return call(tool, operation, pairs);
    }

    private static FileSettings settings(String yaml) throws Exception {
        return FileSettings.from(Json.YAML.readTree(yaml), "tools.file");
    }

    @Test
    void writes_create_directories_and_replace_files_whole_then_read_back() throws Exception {
        ToolResult created = call("write", "path", "infra/env/main.tf", "content", "resource \"terraform_data\" \"x\" {}\n");

        assertThat(created.error()).isFalse();
        assertThat(created.content()).isEqualTo("wrote 33 bytes to 'infra/env/main.tf' (created)");
        assertThat(Files.readString(workspace.resolve("infra/env/main.tf"))).startsWith("resource");
        Files.setPosixFilePermissions(workspace.resolve("infra/env/main.tf"), PosixFilePermissions.fromString("rwxr-x---"));

        ToolResult replaced = call("write", "path", "./infra//env/main.tf", "content", "# replaced\n");

        assertThat(replaced.content()).isEqualTo("wrote 11 bytes to 'infra/env/main.tf' (replaced)");
        assertThat(call("read", "path", "infra/env/main.tf").content()).isEqualTo("# replaced\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workspace.resolve("infra/env/main.tf"))))
                .isEqualTo("rwxr-x---");
        try (Stream<Path> files = Files.list(workspace.resolve("infra/env"))) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("main.tf");
        }
    }

    @Test
    void a_large_file_is_read_in_parts_without_splitting_a_character() throws Exception {
        FileTool small = new FileTool(settings("max_read_bytes: 1024"));
        Files.writeString(workspace.resolve("big.txt"), "a" + "é".repeat(1000), StandardCharsets.UTF_8);

        ToolResult first = call(small, "read", "path", "big.txt");

        assertThat(first.content()).startsWith("aéé").doesNotContain("\uFFFD")
                .endsWith("[… 978 more bytes not shown: 'big.txt' has 2001 bytes; read on with offset 1023 …]");
        assertThat(first.data().get("next_offset").asLong()).isEqualTo(1023);
        ToolResult second = call(small, "read", "path", "big.txt", "offset", 1023);
        assertThat(second.content()).doesNotContain("\uFFFD", "more bytes not shown").hasSize(489);
        assertThat(call(small, "read", "path", "big.txt", "offset", 5000).content())
                .isEqualTo("argument 'offset' 5000 is past the end of 'big.txt' (2001 bytes)");
    }

    @Test
    void binary_files_are_described_not_shown() throws Exception {
        Files.write(workspace.resolve("plan.bin"), new byte[] {1, 0, 2, 0, 3});

        assertThat(call("read", "path", "plan.bin").content()).isEqualTo("'plan.bin' is a binary file of 5 bytes; it is not shown");
    }

    @Test
    void absolute_paths_and_dot_dot_are_refused_with_an_explanation() {
        assertThat(call("read", "path", "/etc/passwd").content())
                .isEqualTo("path '/etc/passwd' is refused: absolute paths (and ~) are not allowed; give a path relative "
                        + "to the workspace, e.g. 'src/main.tf'");
        assertThat(call("read", "path", "~/.ssh/id_rsa").content()).contains("absolute paths (and ~) are not allowed");
        for (String escaping : new String[] {"../secret", "a/../../secret", "a/..", ".."}) {
            ToolResult result = call("write", "path", escaping, "content", "x");
            assertThat(result.error()).isTrue();
            assertThat(result.content()).contains("'..' segments are not allowed");
        }
        assertThat(outside.getParent().resolve("secret")).doesNotExist();
        assertThat(call("list", "path", "..").content()).contains("'..' segments are not allowed");
    }

    @Test
    void symbolic_links_anywhere_on_the_path_are_refused() throws Exception {
        Files.writeString(outside.resolve("secret.txt"), "top secret");
        Files.createDirectories(workspace.resolve("docs"));
        Files.createSymbolicLink(workspace.resolve("docs/out"), outside);
        Files.createSymbolicLink(workspace.resolve("passwd"), Path.of("/etc/passwd"));
        Files.writeString(workspace.resolve("inside.txt"), "inside");
        Files.createSymbolicLink(workspace.resolve("alias.txt"), workspace.resolve("inside.txt"));

        assertThat(call("read", "path", "docs/out/secret.txt").content())
                .isEqualTo("path 'docs/out/secret.txt' is refused: 'docs/out' is a symbolic link, and links are not "
                        + "followed, so that no path leads outside the workspace");
        assertThat(call("write", "path", "docs/out/new.txt", "content", "x").error()).isTrue();
        assertThat(outside.resolve("new.txt")).doesNotExist();
        assertThat(call("read", "path", "passwd").content()).contains("'passwd' is a symbolic link");
        assertThat(call("write", "path", "passwd", "content", "x").content()).contains("'passwd' is a symbolic link");
        assertThat(call("read", "path", "alias.txt").content()).contains("'alias.txt' is a symbolic link");
        assertThat(call("search", "pattern", "secret", "path", "docs/out").content()).contains("symbolic link");
        assertThat(call("search", "pattern", "top secret").content()).startsWith("no line matches");
    }

    @Test
    void list_shows_directories_files_and_links_without_following_them() throws Exception {
        Files.createDirectories(workspace.resolve("src/deep"));
        Files.writeString(workspace.resolve("src/deep/a.txt"), "abc");
        Files.writeString(workspace.resolve("README.md"), "hello");
        Files.createSymbolicLink(workspace.resolve("src/out"), outside);
        Files.writeString(outside.resolve("hidden.txt"), "x");

        assertThat(call("list").content()).isEqualTo("README.md (5 bytes)\nsrc/");
        assertThat(call("list", "path", "src", "recursive", true).content())
                .isEqualTo("src/deep/\nsrc/deep/a.txt (3 bytes)\nsrc/out (symbolic link, not followed)");
        ToolResult capped = call(new FileTool(settings("max_list_entries: 2")), "list", "recursive", true);
        assertThat(capped.content()).endsWith("[… more entries not shown: at most 2 are listed; list a subdirectory instead …]");
        assertThat(capped.data().get("entries").size()).isEqualTo(2);
        assertThat(call("list", "path", "README.md").content()).contains("is a file, not a directory");
    }

    @Test
    void search_finds_text_or_a_regex_as_file_line_matches_capped() throws Exception {
        Files.createDirectories(workspace.resolve("infra"));
        Files.writeString(workspace.resolve("infra/main.tf"), "resource \"a\" {}\n# TODO tag\nresource \"b\" {}\n");
        Files.writeString(workspace.resolve("notes.md"), "todo: nothing\nresource list\n");
        Files.write(workspace.resolve("blob.bin"), new byte[] {'r', 'e', 's', 'o', 'u', 'r', 'c', 'e', 0});
        Files.createDirectories(workspace.resolve(".git"));
        Files.writeString(workspace.resolve(".git/config"), "resource in git");

        ToolResult text = call("search", "pattern", "resource");
        assertThat(text.content()).isEqualTo("""
                3 matching line(s) in '.' (2 files searched)
                infra/main.tf:1: resource "a" {}
                infra/main.tf:3: resource "b" {}
                notes.md:2: resource list""");

        ToolResult regex = call("search", "pattern", "(?i)^#?\\s*todo", "regex", true, "path", "infra");
        assertThat(regex.content()).endsWith("\ninfra/main.tf:2: # TODO tag");

        ToolResult capped = call(new FileTool(settings("max_search_matches: 2")), "search", "pattern", "resource");
        assertThat(capped.content()).contains("stopped at 2 matches");
        assertThat(capped.data().get("matches").size()).isEqualTo(2);

        assertThat(call("search", "pattern", "([", "regex", true).content())
                .startsWith("argument 'pattern' is not a valid regular expression");
    }

    @Test
    void a_runaway_regex_is_stopped_at_the_call_timeout() throws Exception {
        Files.writeString(workspace.resolve("a.txt"), "a".repeat(60) + "!\n");
        ToolContext short_ = new ToolContext(workspace, "run-1", "writer", Duration.ofSeconds(1));

        long started = System.nanoTime();
        ToolResult result = tool.run(Json.object().put("operation", "search").put("pattern", "(.*a){12}b")
                .put("regex", true), short_);

        assertThat(result.content()).startsWith("the search took longer than 1 s and was stopped");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void write_size_is_capped() throws Exception {
        ToolResult result = call(new FileTool(settings("max_write_bytes: 10")), "write", "path", "x.txt", "content", "12345678901");

        assertThat(result.content()).isEqualTo("argument 'content' has 11 bytes; at most 10 may be written in one call "
                + "(tools.file.max_write_bytes)");
        assertThat(workspace.resolve("x.txt")).doesNotExist();
    }

    @Test
    void argument_mistakes_name_the_argument() {
        assertThat(tool.run(Json.object(), context()).content()).isEqualTo("argument 'operation' is required");
        assertThat(call("delete", "path", "x").content())
                .isEqualTo("argument 'operation' must be one of read, write, list, search; not 'delete'");
        assertThat(call("read", "path", "x", "content", "y").content())
                .isEqualTo("argument 'content' is not used by operation 'read' (it takes: path, offset)");
        assertThat(call("write", "path", "x").content()).isEqualTo("argument 'content' is required");
        assertThat(call("read", "path", "missing.txt").content())
                .isEqualTo("'missing.txt' does not exist; list its directory to see what is there");
        assertThat(call("write", "path", ".", "content", "x").content()).contains("is a directory");
    }

    @Test
    void save_file_is_the_plagentic_alias_of_write() throws Exception {
        SaveFileTool save = new SaveFileTool(FileSettings.defaults());

        ToolResult saved = save.run(Json.object().put("path", "reports/today.md").put("content", "# Report\n"), context());

        assertThat(save.name()).isEqualTo("saveFile");
        assertThat(saved.content()).isEqualTo("wrote 9 bytes to 'reports/today.md' (created)");
        assertThat(Files.readString(workspace.resolve("reports/today.md"))).isEqualTo("# Report\n");
        assertThat(save.run(Json.object().put("path", "../x.md").put("content", ""), context()).content())
                .contains("'..' segments are not allowed");
        assertThat(save.run(Json.object().put("path", "x.md"), context()).content()).isEqualTo("argument 'content' is required");
        assertThat(save.parameters().get("required").toString()).isEqualTo("[\"path\",\"content\"]");
    }

    @Test
    void settings_errors_name_the_key_path() {
        assertThatThrownBy(() -> settings("max_read_bytes: 10"))
                .hasMessage("tools.file.max_read_bytes must be a whole number between 1024 and 67108864");
        assertThatThrownBy(() -> settings("max_write: 10")).hasMessageStartingWith("tools.file.max_write is not a setting");
        assertThat(FileSettings.from(null, "tools.file"))
                .isEqualTo(new FileSettings(256 * 1024, 1024 * 1024, 100, 1000));
    }
}
