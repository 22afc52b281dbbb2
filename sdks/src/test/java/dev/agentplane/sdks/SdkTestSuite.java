package dev.agentplane.sdks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.store.DatabaseSettings;
import dev.agentplane.testing.DatabaseKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One SDK's own test suite, run as a process against the built server jar. The suite starts its servers itself;
 * on PostgreSQL they inherit {@code AGENTPLANE_DATABASE_URL} and share one fresh database.
 */
record SdkTestSuite(String name, Path directory, List<String> command) {
    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = REPOSITORY.resolve("agentplane-cli/target/agentplane.jar");

    void passesOn(DatabaseKind kind) throws IOException, InterruptedException {
        assertThat(JAR).as("the server jar the suites run (built by agentplane-cli's package phase)").exists();
        Path log = Files.createTempFile("sdk-" + name + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment(kind));
        Process process = builder.start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println("---- " + name + " SDK tests on " + kind + " ----\n" + tail(output, 60));
        assertThat(finished).as(name + " SDK tests finished within 10 minutes").isTrue();
        assertThat(process.exitValue()).as(name + " SDK tests on " + kind + " (full log: " + log + ")\n"
                + tail(output, 200)).isZero();
        Files.deleteIfExists(log);
    }

    private static Map<String, String> environment(DatabaseKind kind) {
        Map<String, String> environment = new HashMap<>();
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("AGENTPLANE_JAR", JAR.toString());
        if (kind == DatabaseKind.POSTGRESQL) {
            DatabaseSettings database = kind.freshDatabase("sdk");
            environment.put("AGENTPLANE_DATABASE_URL", database.jdbcUrl());
            environment.put("AGENTPLANE_DATABASE_USER", database.user());
        }
        return environment;
    }

    private static String tail(String output, int lines) {
        String[] all = output.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }
}
