package dev.agentplane.store;

import java.nio.file.Path;

/** Where the data lives: a JDBC URL (PostgreSQL) or, by default, an SQLite file in the data directory. */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize) {

    public static DatabaseSettings sqlite(Path file) {
        return new DatabaseSettings("jdbc:sqlite:" + file.toAbsolutePath(), null, null, 8);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DatabaseSettings[" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? "unset" : "***")
                + ", poolSize=" + poolSize + "]";
    }

    public boolean isSqlite() {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }
}
