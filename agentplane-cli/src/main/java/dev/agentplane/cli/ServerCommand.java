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
        AgentPlaneServer server = AgentPlaneServer.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "agentplane-shutdown"));
        stopped.await();
        return 0;
    }
}
