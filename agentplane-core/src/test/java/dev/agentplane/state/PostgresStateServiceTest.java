package dev.agentplane.state;

import dev.agentplane.store.Database;

class PostgresStateServiceTest extends StateServiceTest {
    @Override
    Database openDatabase() throws Exception {
        return TempDatabases.postgres();
    }
}
