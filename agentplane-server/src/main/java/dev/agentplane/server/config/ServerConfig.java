package dev.agentplane.server.config;

import dev.agentplane.executions.engine.EngineSettings;
import dev.agentplane.llm.LlmConfig;
import dev.agentplane.store.DatabaseSettings;
import java.nio.file.Path;

/**
 * The settings of one server process, frozen once it starts. Without {@code databaseUrl} the server uses
 * SQLite in {@code dataDir}. {@code llm} holds the language models of the file's {@code models:} section;
 * {@code teamsDir} is where the teams of {@code agent} workflow steps are defined.
 */
public record ServerConfig(int port, Path dataDir, String databaseUrl, String databaseUser, String databasePassword,
                           int databasePoolSize, String bootstrapAdminKey, long shutdownGraceMillis, CorsSettings cors,
                           RateLimitSettings rateLimits, String secretsKey, EngineSettings engine, LlmConfig llm,
                           Path teamsDir) {

    public static ServerConfig defaults() {
        return new ServerConfig(8080, Path.of("data"), null, null, null, 16, null, 20_000, CorsSettings.none(),
                RateLimitSettings.defaults(), null, EngineSettings.defaults(), LlmConfig.none(), Path.of("teams"));
    }

    /** Never prints the database password or the bootstrap key. */
    @Override
    public String toString() {
        return "ServerConfig[port=" + port + ", dataDir=" + dataDir + ", database=" + database()
                + ", bootstrapAdminKey=" + (bootstrapAdminKey == null ? "unset" : "***")
                + ", secretsKey=" + (secretsKey == null ? "unset" : "***") + "]";
    }

    public DatabaseSettings database() {
        if (databaseUrl == null || databaseUrl.isBlank()) {
            return DatabaseSettings.sqlite(dataDir.resolve("agentplane.db"));
        }
        return new DatabaseSettings(databaseUrl, databaseUser, databasePassword, databasePoolSize);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(newPort, dataDir, databaseUrl, databaseUser, databasePassword, databasePoolSize,
                bootstrapAdminKey, shutdownGraceMillis, cors, rateLimits, secretsKey, engine, llm, teamsDir);
    }

    public ServerConfig withDataDir(Path newDataDir) {
        return new ServerConfig(port, newDataDir, databaseUrl, databaseUser, databasePassword, databasePoolSize,
                bootstrapAdminKey, shutdownGraceMillis, cors, rateLimits, secretsKey, engine, llm, teamsDir);
    }

    public ServerConfig withDatabase(String url, String user, String password) {
        return new ServerConfig(port, dataDir, url, user, password, databasePoolSize, bootstrapAdminKey,
                shutdownGraceMillis, cors, rateLimits, secretsKey, engine, llm, teamsDir);
    }

    public ServerConfig withBootstrapAdminKey(String key) {
        return new ServerConfig(port, dataDir, databaseUrl, databaseUser, databasePassword, databasePoolSize, key,
                shutdownGraceMillis, cors, rateLimits, secretsKey, engine, llm, teamsDir);
    }

    public ServerConfig withCors(CorsSettings newCors) {
        return new ServerConfig(port, dataDir, databaseUrl, databaseUser, databasePassword, databasePoolSize,
                bootstrapAdminKey, shutdownGraceMillis, newCors, rateLimits, secretsKey, engine, llm, teamsDir);
    }

    public ServerConfig withRateLimits(RateLimitSettings newRateLimits) {
        return new ServerConfig(port, dataDir, databaseUrl, databaseUser, databasePassword, databasePoolSize,
                bootstrapAdminKey, shutdownGraceMillis, cors, newRateLimits, secretsKey, engine, llm, teamsDir);
    }

    public ServerConfig withEngine(EngineSettings newEngine) {
        return new ServerConfig(port, dataDir, databaseUrl, databaseUser, databasePassword, databasePoolSize,
                bootstrapAdminKey, shutdownGraceMillis, cors, rateLimits, secretsKey, newEngine, llm, teamsDir);
    }

    public ServerConfig withLlm(LlmConfig newLlm) {
        return new ServerConfig(port, dataDir, databaseUrl, databaseUser, databasePassword, databasePoolSize,
                bootstrapAdminKey, shutdownGraceMillis, cors, rateLimits, secretsKey, engine, newLlm, teamsDir);
    }
}
