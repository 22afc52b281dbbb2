package dev.agentplane.state;

import dev.agentplane.store.Database;

class SqliteStateServiceTest extends StateServiceTest {
    @Override
    Database openDatabase() throws Exception {
        return TempDatabases.sqlite();
    }
}
