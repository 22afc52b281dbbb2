package dev.agentplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `agentplane test` works on every example workflow and template, run exactly as the `# agentplane test:` lines at
 * the top of each file document (the flags a file needs, and `(exits 1)` for a run meant to fail): the docs and
 * this test are one. Paths in those lines are relative to the repository root, where the README's commands run.
 */
class ExampleRunsTest {
    private static final Path ROOT = Path.of("..");
    private static final Path EXAMPLES = ROOT.resolve("examples").resolve("workflows");
    private static final Pattern RUN = Pattern.compile("(?m)^# agentplane test(?: \\(exits (\\d)\\))?:(.*)$");
    private static final Set<String> PATH_FLAGS = Set.of("--input-file", "--state-file");

    /** One documented run: the file, the flags after `agentplane test <file>`, and the exit code it should have. */
    record DocumentedRun(Path file, List<String> flags, int exitCode) {
        @Override
        public String toString() {
            return EXAMPLES.relativize(file) + " " + String.join(" ", flags);
        }
    }

    static List<DocumentedRun> documentedRuns() throws IOException {
        List<DocumentedRun> runs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Matcher header = RUN.matcher(Files.readString(file));
                boolean documented = false;
                while (header.find()) {
                    documented = true;
                    runs.add(new DocumentedRun(file, CliRun.words(header.group(2)),
                            header.group(1) == null ? 0 : Integer.parseInt(header.group(1))));
                }
                if (!documented) {
                    runs.add(new DocumentedRun(file, List.of(), 0));
                }
            }
        }
        return runs;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedRuns")
    void runs_as_its_header_documents(DocumentedRun run) {
        List<String> args = new ArrayList<>(List.of("test", run.file().toString()));
        args.addAll(fromRoot(run.flags()));

        CliRun result = CliRun.of(args.toArray(String[]::new));

        assertThat(result.exitCode()).as("%s%s", result.out(), result.err()).isEqualTo(run.exitCode());
        assertThat(result.out()).contains(run.exitCode() == 0 ? "\ncompleted" : "\nfailed");
    }

    @Test
    void every_template_documents_its_test_runs() throws IOException {
        List<DocumentedRun> runs = documentedRuns();
        try (Stream<Path> templates = Files.list(EXAMPLES.resolve("templates"))) {
            for (Path template : templates.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                assertThat(runs).as("runs documented in %s", template)
                        .anyMatch(run -> run.file().equals(template) && !run.flags().isEmpty() && run.exitCode() == 0);
            }
        }
        assertThat(runs).extracting(DocumentedRun::exitCode).contains(1);
    }

    /** The command as a process of its own: nothing but the report on stdout, and the exit code for CI. */
    @Test
    void as_a_process_it_prints_only_the_json_report_and_exits_with_the_executions_outcome() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path template = EXAMPLES.resolve("templates").resolve("cost_aware_execution.yaml");
        Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "test", template.toString(),
                "--input", "{\"budget_usd\": 0.001}", "--output", "json").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isEqualTo(1);
        JsonNode report = Json.parse(out);
        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.get("exit_code").asInt()).isEqualTo(1);
        assertThat(report.at("/steps/0/step_id").asText()).isEqualTo("affordable");
    }

    private static List<String> fromRoot(List<String> flags) {
        List<String> rewritten = new ArrayList<>();
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i);
            rewritten.add(flag);
            if (i + 1 < flags.size() && (PATH_FLAGS.contains(flag) || flag.equals("--mock"))) {
                String value = flags.get(++i);
                int equals = value.indexOf('=');
                rewritten.add(flag.equals("--mock") ? value.substring(0, equals + 1) + ROOT.resolve(value.substring(equals + 1))
                        : ROOT.resolve(value).toString());
            }
        }
        return rewritten;
    }
}
