package dev.agentplane.server.testing;

import dev.agentplane.testing.DatabaseKind;
import dev.agentplane.testing.PerDatabaseTemplate;

/** One server per database kind per test class, started on a free port and stopped after the class. */
final class ApiTestExtension extends PerDatabaseTemplate<TestServer, Api> {
    ApiTestExtension() {
        super(TestServer.class, Api.class);
    }

    @Override
    protected TestServer openFixture(DatabaseKind kind, String testClassName) {
        return TestServer.start(kind, testClassName);
    }

    @Override
    protected Api parameterFor(TestServer fixture) {
        return fixture.api();
    }
}
