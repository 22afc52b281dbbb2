package dev.agentplane.server.testing;

import dev.agentplane.server.AgentPlaneServer;
import dev.agentplane.server.config.RateLimitSettings;
import dev.agentplane.server.config.ServerConfig;
import dev.agentplane.tenancy.Role;
import dev.agentplane.store.DatabaseSettings;
import dev.agentplane.testing.DatabaseKind;
import dev.agentplane.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** A real AgentPlane server on a free port, with a test clock, on a fresh database of one kind. */
public final class TestServer implements AutoCloseable {
    private final AgentPlaneServer server;
    private final Api api;

    private TestServer(AgentPlaneServer server, Api api) {
        this.server = server;
        this.api = api;
    }

    public static TestServer start(DatabaseKind kind, String hint) {
        return start(kind, hint, UnaryOperator.identity());
    }

    /** A server whose configuration the test adjusts (CORS, limits...). */
    public static TestServer start(DatabaseKind kind, String hint, UnaryOperator<ServerConfig> customize) {
        try {
            Path dataDir = Files.createTempDirectory("agentplane-api-");
            DatabaseSettings database = kind.freshDatabase(hint);
            // Tests send far more requests per key than production defaults allow; RateLimitApiTest sets its own.
            ServerConfig config = ServerConfig.defaults().withPort(0).withDataDir(dataDir)
                    .withRateLimits(generousLimits());
            if (kind == DatabaseKind.POSTGRESQL) {
                config = config.withDatabase(database.jdbcUrl(), database.user(), database.password());
            }
            MutableClock clock = MutableClock.now();
            AgentPlaneServer server = AgentPlaneServer.start(customize.apply(config), clock);
            return new TestServer(server, new Api(kind, "http://127.0.0.1:" + server.port(), server.bootstrapKey(), clock, server));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RateLimitSettings generousLimits() {
        RateLimitSettings limits = RateLimitSettings.defaults();
        for (Role role : Role.values()) {
            limits = limits.withRole(role, 100_000_000);
        }
        return new RateLimitSettings(limits.perMinuteByRole(), 1_000_000);
    }

    public Api api() {
        return api;
    }

    @Override
    public void close() {
        server.close();
    }
}
