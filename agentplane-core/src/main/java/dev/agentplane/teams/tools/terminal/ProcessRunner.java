package dev.agentplane.teams.tools.terminal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command line under {@code /bin/sh -c} and makes sure nothing it started outlives it. Where
 * {@code setsid} exists the shell leads a session and process group of its own, so one signal to the group kills
 * every process in it, including background jobs whose parent already exited; processes still known as
 * descendants are killed one by one as well (for those that left the group).
 */
final class ProcessRunner {
    private static final Path SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
            .filter(Files::isExecutable).findFirst().orElse(null);
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);

    record Outcome(int exitCode, boolean timedOut, String output, long outputBytes, long cutBytes, Duration elapsed) {}

    private ProcessRunner() {}

    static Outcome run(String commandLine, Path directory, Map<String, String> environment, Duration timeout,
            int maxOutputBytes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (SETSID != null) {
            command.add(SETSID.toString());
        }
        command.addAll(List.of("/bin/sh", "-c", commandLine));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        CappedOutput output = new CappedOutput(maxOutputBytes);
        Thread reader = Thread.ofVirtual().name("terminal-output-" + process.pid()).start(() -> drain(process, output));
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killTree(process, false);
            throw e;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        // After a normal exit this ends the background jobs it left behind. The shell itself is not destroyed then:
        // Process.destroy closes its output stream, which would lose what the reader has not read yet.
        killTree(process, finished);
        process.waitFor(5, TimeUnit.SECONDS);
        reader.join(OUTPUT_GRACE);
        int exitCode = finished ? process.exitValue() : -1;
        return new Outcome(exitCode, !finished, output.text(), output.total(), output.cut(), elapsed);
    }

    private static void drain(Process process, CappedOutput output) {
        byte[] buffer = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                output.write(buffer, 0, n);
            }
        } catch (IOException closed) {
            // the stream closes when the process is killed; what was read so far is kept
        }
    }

    private static void killTree(Process process, boolean exited) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (SETSID != null) {
            signalGroup(process.pid());
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        if (!exited) {
            process.destroyForcibly();
        }
    }

    /** Java cannot signal a process group; the shell's kill builtin can ({@code kill -KILL -pgid}; dash takes no "--"). */
    private static void signalGroup(long groupId) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -KILL -" + groupId + " 2>/dev/null")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no shell to signal with: the descendants are still killed one by one
        }
    }
}
