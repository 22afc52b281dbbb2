package dev.agentplane.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** `agentplane server` as a separate JVM, started from this test's classpath the way an operator starts it. */
final class ServerProcesses {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private ServerProcesses() {}

    /** {@code agentplane server --data-dir <dataDir> <arguments>}, output and errors together. */
    static ProcessBuilder command(Path dataDir, String... arguments) {
        return command(List.of(), dataDir, arguments);
    }

    /** As {@link #command(Path, String...)}, with options for the server's JVM. */
    static ProcessBuilder command(List<String> jvmOptions, Path dataDir, String... arguments) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "server",
                "--data-dir", dataDir.toString()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Generous: a JVM starting on a busy 2-core machine can take many seconds. */
    static void awaitReady(int port) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> get(port, "/health/ready", null).statusCode() == 200);
    }

    static HttpResponse<String> get(int port, String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
