package dev.agentplane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code agentplane server} process of a test cluster, started from the test classpath and restartable on the
 * same port, data directory and settings. Its output is appended to {@code log} across restarts.
 */
final class ServerNode {
    private static final Pattern ENGINE_STARTED = Pattern.compile("engine (node-[0-9a-f-]+) started");
    /** Log levels as the test logging ({@code 12:00:00.000 WARN …}) and the shipped one ({@code level=WARN}) write them. */
    private static final Pattern WARNING_OR_ERROR = Pattern.compile("\\b(WARN|ERROR)\\b");

    private final int port = ServerProcesses.freePort();
    private final Path dataDir;
    private final Path log;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final String key;
    private Process process;

    /** {@code environment}: the AGENTPLANE_* settings; {@code key} is the admin key requests are sent with. */
    ServerNode(Path dataDir, Path log, List<String> jvmOptions, Map<String, String> environment, String key) {
        this.dataDir = dataDir;
        this.log = log;
        this.jvmOptions = jvmOptions;
        this.environment = environment;
        this.key = key;
    }

    void launch() throws IOException {
        Files.createDirectories(dataDir);
        ProcessBuilder builder = ServerProcesses.command(jvmOptions, dataDir, "--port", String.valueOf(port));
        builder.environment().putAll(environment);
        process = builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Ready for requests, with its engine started. */
    void awaitReady() {
        ServerProcesses.awaitReady(port);
        await().atMost(Duration.ofSeconds(10)).until(() -> ENGINE_STARTED.matcher(log()).find());
    }

    /** SIGKILL on Linux: no shutdown hook runs, its leases stay as they were. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The id its engine writes into {@code step_runs.lease_owner} (since its latest start). */
    String engineOwner() {
        Matcher matcher = ENGINE_STARTED.matcher(log());
        String owner = null;
        while (matcher.find()) {
            owner = matcher.group(1);
        }
        assertThat(owner).as("the engine's start line in " + log).isNotNull();
        return owner;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its first 20 warning and error lines. */
    String warnings() {
        return log().lines().filter(line -> WARNING_OR_ERROR.matcher(line).find()).limit(20)
                .reduce("", (all, line) -> all + line + "\n");
    }

    /** A request with the admin key; an IOException when the process is gone. */
    HttpResponse<String> send(String method, String path, String body, String contentType, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return ServerProcesses.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON body of a request that must answer {@code expectedStatus}. */
    JsonNode expect(int expectedStatus, String method, String path, String body, String contentType) throws Exception {
        HttpResponse<String> response = send(method, path, body, contentType, Map.of());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
        return Json.MAPPER.readTree(response.body());
    }
}
