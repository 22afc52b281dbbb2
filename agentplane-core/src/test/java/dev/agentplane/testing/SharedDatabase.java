package dev.agentplane.testing;

import dev.agentplane.AgentPlane;
import dev.agentplane.store.Database;

/** A database of one kind and the services over it, opened once per test class. */
final class SharedDatabase implements AutoCloseable {
    private final DatabaseKind kind;
    private final Database database;
    private final MutableClock clock = MutableClock.now();
    private final AgentPlane plane;

    private SharedDatabase(DatabaseKind kind, Database database) {
        this.kind = kind;
        this.database = database;
        this.plane = AgentPlane.create(database, clock);
    }

    static SharedDatabase open(DatabaseKind kind, String hint) {
        return new SharedDatabase(kind, Database.open(kind.freshDatabase(hint)));
    }

    TestPlane newTestPlane() {
        return new TestPlane(kind, plane, clock, TestOrgs.create(database));
    }

    @Override
    public void close() {
        database.close();
    }
}
