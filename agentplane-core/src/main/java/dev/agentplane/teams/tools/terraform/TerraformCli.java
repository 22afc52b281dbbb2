package dev.agentplane.teams.tools.terraform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Terraform binary in a working directory with an environment scrubbed down to PATH, HOME and the TF_*
 * variables the settings call for, never waiting past the timeout. Output goes through temporary files, so a
 * large JSON plan neither fills a pipe nor needs a reader thread.
 */
final class TerraformCli {
    /** Largest output read back: a JSON plan of thousands of resources stays well below it. */
    static final long MAX_STDOUT_BYTES = 64L << 20;
    static final long MAX_STDERR_BYTES = 1L << 20;
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final TerraformSettings settings;

    TerraformCli(TerraformSettings settings) {
        this.settings = settings;
    }

    /** Thrown when the binary cannot be started at all: a setup problem, not the model's. */
    static final class NotStartedException extends Exception {
        NotStartedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    CliRun run(Path dir, Duration timeout, List<String> args) throws InterruptedException, NotStartedException {
        List<String> command = new ArrayList<>();
        command.add(settings.binary());
        command.addAll(args);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("agentplane-tf-", ".out");
            err = Files.createTempFile("agentplane-tf-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            environment(builder.environment());
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new NotStartedException("the Terraform binary '" + settings.binary() + "' could not be "
                        + "started (" + e.getMessage() + "); install Terraform or set tools.terraform.binary", e);
            }
            boolean finished = waitFor(process, timeout);
            return new CliRun(finished ? process.exitValue() : -1, read(out, MAX_STDOUT_BYTES),
                    read(err, MAX_STDERR_BYTES), !finished);
        } catch (IOException e) {
            throw new NotStartedException("Terraform's output could not be captured: " + e.getMessage(), e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private void environment(Map<String, String> env) {
        env.clear();
        copy(env, "PATH");
        copy(env, "HOME");
        env.put("TF_IN_AUTOMATION", "1");
        env.put("TF_INPUT", "0");
        // Not a secret and not TF_*, but without it every command asks checkpoint.hashicorp.com for updates.
        env.put("CHECKPOINT_DISABLE", "1");
        settings.pluginCacheDir().ifPresent(dir -> env.put("TF_PLUGIN_CACHE_DIR", dir.toString()));
        settings.cliConfigFile().ifPresent(file -> env.put("TF_CLI_CONFIG_FILE", file.toString()));
    }

    private static void copy(Map<String, String> env, String name) {
        String value = System.getenv(name);
        if (value != null) {
            env.put(name, value);
        }
    }

    /** Waits up to the timeout; then asks Terraform to stop (it releases its state lock on SIGTERM), then kills. */
    private static boolean waitFor(Process process, Duration timeout) throws InterruptedException {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
            process.waitFor();
            return false;
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw e;
        }
    }

    private static String read(Path file, long max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
            String text = new String(bytes, StandardCharsets.UTF_8);
            return in.read() < 0 ? text : text + "\n[output cut at " + max + " bytes]";
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
