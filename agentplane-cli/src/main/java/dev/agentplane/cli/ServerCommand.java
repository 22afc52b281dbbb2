package dev.agentplane.cli;

import dev.agentplane.server.AgentPlaneServer;
import dev.agentplane.server.config.ConfigException;
import dev.agentplane.server.config.ConfigLoader;
import dev.agentplane.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "server", description = {
        "Runs the AgentPlane server. Without a database URL it stores everything in SQLite under the data directory.",
        "Every setting can also come from an AGENTPLANE_* environment variable (e.g. AGENTPLANE_DATABASE_URL)."})
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--port", description = "HTTP port (default 8080; AGENTPLANE_PORT).")
    Integer port;

    @Option(names = "--data-dir", description = "Data directory (default ./data; AGENTPLANE_DATA_DIR).")
    Path dataDir;

    @Option(names = "--config", description = "YAML config file (settings: port, data_dir, database.url, ...).")
    Path configFile;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config;
        try {
            config = ConfigLoader.load(configFile, System.getenv());
        } catch (ConfigException e) {
            System.err.println("agentplane: " + e.getMessage());
            return 2;
        }
        if (port != null) {
            config = config.withPort(port);
        }
        if (dataDir != null) {
            config = config.withDataDir(dataDir);
        }
        AgentPlaneServer server;
        try {
            server = AgentPlaneServer.start(config, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            System.err.println("agentplane: " + e.getMessage());
            return 2;
        } catch (Exception e) { // Javalin and Jetty may throw checked exceptions (a taken port) undeclared
            System.err.println("agentplane: the server could not start: " + causes(e));
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "agentplane-shutdown"));
        stopped.await();
        return 0;
    }

    /** The messages of an exception and its causes, which together say what to fix (port taken, database down...). */
    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
