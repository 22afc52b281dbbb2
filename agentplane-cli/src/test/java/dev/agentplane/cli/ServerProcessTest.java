package dev.agentplane.cli;

import static dev.agentplane.cli.ServerProcesses.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.store.DatabaseSettings;
import dev.agentplane.testing.DatabaseKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** `agentplane server` as a real process: first start, admin key file, and graceful SIGTERM. */
class ServerProcessTest {
    @TempDir
    Path dataDir;
    private Process process;
    private Path output;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private int start(DatabaseKind kind) throws IOException {
        int port = ServerProcesses.freePort();
        ProcessBuilder builder = command("--port", String.valueOf(port));
        if (kind == DatabaseKind.POSTGRESQL) {
            DatabaseSettings database = kind.freshDatabase("process");
            builder.environment().put("AGENTPLANE_DATABASE_URL", database.jdbcUrl());
            builder.environment().put("AGENTPLANE_DATABASE_USER", database.user());
        }
        output = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        process = builder.redirectOutput(output.toFile()).start();
        ServerProcesses.awaitReady(port);
        return port;
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void first_start_creates_an_admin_key_prints_it_once_and_saves_it_owner_only(DatabaseKind kind) throws Exception {
        int port = start(kind);

        Path keyFile = dataDir.resolve("admin.key");
        String key = Files.readString(keyFile).trim();
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(output)).contains(key);
        assertThat(get(port, "/v1/agents", key).statusCode()).isEqualTo(200);
        assertThat(get(port, "/v1/agents", null).statusCode()).isEqualTo(401);
    }

    @org.junit.jupiter.api.Test
    void a_busy_port_or_a_bad_setting_ends_the_process_with_a_clear_message() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Process busy = command("--port", String.valueOf(taken.getLocalPort())).start();
            assertThat(busy.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(busy.exitValue()).isEqualTo(1);
            assertThat(new String(busy.getInputStream().readAllBytes())).contains("could not start").containsIgnoringCase("port");
        }
        ProcessBuilder badSetting = command("--port", "0");
        badSetting.environment().put("AGENTPLANE_DATABASE_POOL_SIZE", "lots");
        Process bad = badSetting.start();
        assertThat(bad.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isEqualTo(2);
        assertThat(new String(bad.getInputStream().readAllBytes())).contains("AGENTPLANE_DATABASE_POOL_SIZE");
    }

    private ProcessBuilder command(String... arguments) {
        return ServerProcesses.command(dataDir, arguments);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void sigterm_lets_an_in_flight_request_finish_before_exiting(DatabaseKind kind) throws Exception {
        int port = start(kind);
        String key = Files.readString(dataDir.resolve("admin.key")).trim();
        byte[] body = "{\"name\": \"in-flight\"}".getBytes(StandardCharsets.UTF_8);

        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.write(("POST /v1/agents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // The server asks for the body only once the handler runs: the request is now in flight.
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 100 Continue");
            in.readLine();

            process.destroy();
            // Well within Jetty's 1 s shutdown idle timeout, as a client still uploading would be (a longer pause
            // here made the test flaky on a loaded machine, where the pause itself could stretch past that second).
            assertThat(process.waitFor(100, TimeUnit.MILLISECONDS)).as("server waits for the in-flight request").isFalse();
            out.write(body);
            out.flush();

            assertThat(in.readLine()).isEqualTo("HTTP/1.1 201 Created");
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
}
