package dev.agentplane.cli.teamrun;

import dev.agentplane.AgentPlane;
import dev.agentplane.store.Database;
import dev.agentplane.store.DatabaseSettings;
import dev.agentplane.tenancy.Actor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The local store team runs are recorded in when no server is named: an AgentPlane on SQLite in a directory
 * ({@code .agentplane} by default), whose admin key is kept beside it (mode 0600) so later commands act as the same
 * organization.
 */
public final class EmbeddedStore implements AutoCloseable {
    private final Database database;
    private final AgentPlane plane;
    private final Actor actor;

    private EmbeddedStore(Database database, AgentPlane plane, Actor actor) {
        this.database = database;
        this.plane = plane;
        this.actor = actor;
    }

    public static EmbeddedStore open(Path directory, dev.agentplane.interpret.ModelExtractor models) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run store " + directory, e);
        }
        Database database = Database.open(DatabaseSettings.sqlite(directory.resolve("agentplane.db")));
        AgentPlane plane = AgentPlane.create(database, Clock.systemUTC(), dev.agentplane.secrets.SecretBox.ofBase64(
                dev.agentplane.secrets.SecretBox.newBase64Key()), dev.agentplane.executions.engine.EngineSettings.defaults(), models);
        return new EmbeddedStore(database, plane, admin(plane, directory.resolve("admin.key")));
    }

    private static Actor admin(AgentPlane plane, Path keyFile) {
        try {
            if (Files.exists(keyFile)) {
                return plane.keys().authenticate(Files.readString(keyFile).strip()).orElseThrow(() ->
                        new IllegalStateException(keyFile + " does not hold this store's admin key; move the directory aside"));
            }
            AtomicReference<String> key = new AtomicReference<>();
            plane.keys().bootstrap(null, key::set);
            Files.writeString(keyFile, key.get() + "\n");
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            return plane.keys().authenticate(key.get()).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the run store's key in " + keyFile, e);
        }
    }

    public AgentPlane plane() {
        return plane;
    }

    public Actor actor() {
        return actor;
    }

    @Override
    public void close() {
        plane.engine().close();
        database.close();
    }
}
