package dev.agentplane.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.testing.DatabaseKind;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A transaction PostgreSQL aborts only to let a concurrent one go on (deadlock, serialization) is run again. */
class TransactionRetryTest {

    /** Two transactions lock two rows in opposite orders: PostgreSQL aborts one, which runs again and commits. */
    @Test
    void a_deadlock_victim_runs_again_and_both_transactions_commit() throws Exception {
        try (Database database = Database.open(DatabaseKind.POSTGRESQL.freshDatabase("TransactionRetryTest"))) {
            probeRows(database);
            CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);
            AtomicInteger attempts = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> ab = pool.submit(() -> bumpInTurn(database, "a", "b", bothHoldTheirFirstRow, attempts));
                Future<?> ba = pool.submit(() -> bumpInTurn(database, "b", "a", bothHoldTheirFirstRow, attempts));
                ab.get(60, TimeUnit.SECONDS);
                ba.get(60, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }

            assertThat(attempts).hasValue(3);
            List<Long> bumped = database.read(sql -> sql.list("SELECT n FROM probe ORDER BY id", row -> row.longValue("n")));
            assertThat(bumped).containsExactly(2L, 2L);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void a_transaction_that_always_loses_fails_as_contention_after_its_attempts_and_only_on_postgresql(DatabaseKind kind) {
        try (Database database = Database.open(kind.freshDatabase("TransactionRetryTest"))) {
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(() -> database.inTransaction(tx -> {
                attempts.incrementAndGet();
                throw new StoreException("statement failed", new SQLException("deadlock detected", "40P01"));
            })).isInstanceOf(kind == DatabaseKind.POSTGRESQL ? StoreContentionException.class : StoreException.class);

            assertThat(attempts).hasValue(kind == DatabaseKind.POSTGRESQL ? Database.ATTEMPTS : 1);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void a_transaction_that_fails_for_another_reason_runs_once(DatabaseKind kind) {
        try (Database database = Database.open(kind.freshDatabase("TransactionRetryTest"))) {
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(() -> database.inTransaction(tx -> {
                attempts.incrementAndGet();
                return tx.update("UPDATE no_such_table SET n = 1");
            })).isInstanceOf(StoreException.class).isNotInstanceOf(StoreContentionException.class);

            assertThat(attempts).hasValue(1);
        }
    }

    private static void probeRows(Database database) {
        database.inTransaction(tx -> {
            tx.update("CREATE TABLE probe (id TEXT PRIMARY KEY, n INTEGER NOT NULL)");
            for (String id : List.of("a", "b")) {
                tx.update("INSERT INTO probe (id, n) VALUES (?, 0)", id);
            }
            return null;
        });
    }

    /** Bumps row {@code first}, then (the first time, once the other transaction holds its first row) {@code second}. */
    private static void bumpInTurn(Database database, String first, String second, CyclicBarrier bothHoldTheirFirstRow,
                                   AtomicInteger attempts) {
        AtomicInteger mine = new AtomicInteger();
        database.inTransaction(tx -> {
            attempts.incrementAndGet();
            tx.update("UPDATE probe SET n = n + 1 WHERE id = ?", first);
            if (mine.incrementAndGet() == 1) {
                try {
                    bothHoldTheirFirstRow.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            tx.update("UPDATE probe SET n = n + 1 WHERE id = ?", second); // the cycle closes here for one of the two
            return null;
        });
    }
}
