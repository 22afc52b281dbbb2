package dev.agentplane.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * npm packages a test needs, pinned by a directory's {@code package-lock.json} and installed there with
 * {@code npm ci} the first time they are needed (or when the lock file changed). Without node and npm the
 * tests are skipped on a developer machine and fail under {@code CI=true}.
 */
public final class NpmPackages {
    private static final Map<Path, String> UNAVAILABLE = new ConcurrentHashMap<>();
    private static final Map<Path, Boolean> INSTALLED = new ConcurrentHashMap<>();

    private NpmPackages() {}

    /** Installs the packages of {@code dir} if needed and returns its {@code node_modules/.bin}. */
    public static Path require(Path dir, String what, String... launchers) {
        Path absolute = dir.toAbsolutePath().normalize();
        String reason = install(absolute, what, launchers);
        if (reason != null) {
            Toolchain.unavailable(reason);
        }
        return bin(absolute);
    }

    private static Path bin(Path dir) {
        return dir.resolve("node_modules").resolve(".bin");
    }

    private static synchronized String install(Path dir, String what, String[] launchers) {
        if (INSTALLED.containsKey(dir) || UNAVAILABLE.containsKey(dir)) {
            return UNAVAILABLE.get(dir);
        }
        try {
            if (isStale(dir, launchers)) {
                run(dir, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
            }
            INSTALLED.put(dir, true);
        } catch (IOException e) {
            UNAVAILABLE.put(dir, what + " cannot be installed (are node and npm on the PATH?): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            UNAVAILABLE.put(dir, "interrupted while installing " + what);
        }
        return UNAVAILABLE.get(dir);
    }

    private static boolean isStale(Path dir, String[] launchers) throws IOException {
        Path installedLock = dir.resolve("node_modules").resolve(".package-lock.json");
        if (!Files.exists(installedLock)) {
            return true;
        }
        for (String launcher : launchers) {
            if (!Files.exists(bin(dir).resolve(launcher))) {
                return true;
            }
        }
        FileTime lock = Files.getLastModifiedTime(dir.resolve("package-lock.json"));
        return lock.compareTo(Files.getLastModifiedTime(installedLock)) > 0;
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("npm-ci-", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " took more than 5 minutes");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " in " + dir + " exited with " + process.exitValue()
                    + ": " + Files.readString(log));
        }
        Files.deleteIfExists(log);
    }
}
