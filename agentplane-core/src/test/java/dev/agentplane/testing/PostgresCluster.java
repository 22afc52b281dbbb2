package dev.agentplane.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The PostgreSQL the tests run on: {@code AGENTPLANE_TEST_PG_URL} when set (a server URL whose user may create
 * databases), else a throwaway cluster started from the machine's PostgreSQL binaries for this JVM and stopped
 * when it exits. Each caller gets a fresh database.
 */
public final class PostgresCluster {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile PostgresCluster instance;
    private static volatile String unavailableReason;

    private final String host;
    private final int port;
    private final String user;

    private PostgresCluster(String host, int port, String user) {
        this.host = host;
        this.port = port;
        this.user = user;
    }

    /** The shared cluster, or null (with {@link #unavailableReason()}) when PostgreSQL cannot be had. */
    public static synchronized PostgresCluster get() {
        if (instance == null && unavailableReason == null) {
            try {
                instance = connectOrStart();
            } catch (Exception e) {
                unavailableReason = e.getMessage();
            }
        }
        return instance;
    }

    public static String unavailableReason() {
        return unavailableReason;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String createDatabase(String hint) {
        String letters = hint.toLowerCase().replaceAll("[^a-z0-9]", "");
        String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet() + "_"
                + letters.substring(0, Math.min(20, letters.length()));
        try (Connection connection = DriverManager.getConnection(url("postgres"), user, null);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return url(name);
    }

    public String user() {
        return user;
    }

    public int port() {
        return port;
    }

    private String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static PostgresCluster connectOrStart() throws Exception {
        String given = System.getenv("AGENTPLANE_TEST_PG_URL");
        if (given != null && !given.isBlank()) {
            java.net.URI uri = java.net.URI.create(given.replaceFirst("^jdbc:", ""));
            String user = uri.getUserInfo() != null ? uri.getUserInfo().split(":")[0]
                    : System.getenv().getOrDefault("PGUSER", "postgres");
            return new PostgresCluster(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, user);
        }
        return startThrowawayCluster();
    }

    private static PostgresCluster startThrowawayCluster() throws Exception {
        Path bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("agentplane-pg-");
        Path data = dir.resolve("data");
        int port = freePort();
        if (root) {
            run(List.of("chown", "postgres:postgres", dir.toString()), false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C",
                "-D", data.toString()), root);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(), "-w",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
                "start"), root);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"), root);
            } catch (Exception ignored) {
                // the JVM is exiting; the temp directory is removed below either way
            }
            deleteRecursively(dir);
        }));
        return new PostgresCluster("127.0.0.1", port, "postgres");
    }

    private static Path findBinaries() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                var found = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(Path::toString));
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new IOException("no PostgreSQL binaries under /usr/lib/postgresql/*/bin; install PostgreSQL or set "
                + "AGENTPLANE_TEST_PG_URL=jdbc:postgresql://host:port/postgres");
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", full) + "' failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temp directory
        }
    }
}
