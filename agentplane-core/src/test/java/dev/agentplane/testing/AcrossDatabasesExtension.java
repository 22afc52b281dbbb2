package dev.agentplane.testing;

/** Gives each test a {@link TestPlane} on a database shared by the tests of its class. */
final class AcrossDatabasesExtension extends PerDatabaseTemplate<SharedDatabase, TestPlane> {
    AcrossDatabasesExtension() {
        super(SharedDatabase.class, TestPlane.class);
    }

    @Override
    protected SharedDatabase openFixture(DatabaseKind kind, String testClassName) {
        return SharedDatabase.open(kind, testClassName);
    }

    @Override
    protected TestPlane parameterFor(SharedDatabase fixture) {
        return fixture.newTestPlane();
    }
}
