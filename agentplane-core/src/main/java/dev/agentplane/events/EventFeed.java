package dev.agentplane.events;

import dev.agentplane.store.Database;
import dev.agentplane.store.Signals;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the readers of event streams when new events may be there; the readers then query for themselves, so a
 * wake-up is only a hint: a spurious one costs a query, a late one some latency, none an event.
 * <ul>
 *   <li>An event committed in this process wakes the streams of its execution at once (an after-commit signal).</li>
 *   <li>One loop per process, shared by all streams, numbers committed events with their stream position
 *   ({@link EventSequencer}) and, every poll interval or at once after a local commit, looks for events numbered
 *   since its last look, by any process, and wakes the streams of their executions and organizations. That is how
 *   events committed by other server processes reach this one's streams.</li>
 * </ul>
 */
public final class EventFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);

    private final Database database;
    private final Duration pollInterval;
    private final EventSequencer sequencer = new EventSequencer();
    private final Map<String, Set<Subscription>> byExecution = new ConcurrentHashMap<>();
    private final Map<String, Set<Subscription>> byOrg = new ConcurrentHashMap<>();
    private final Semaphore loopWakeUps = new Semaphore(0);
    private final Signals.Listening commits;
    private final Thread loop;
    private volatile boolean open = true;
    private long lookedAt;

    private EventFeed(Database database, Duration pollInterval) {
        this.database = database;
        this.pollInterval = pollInterval;
        this.lookedAt = database.read(sequencer::head);
        this.commits = database.signals().listen(EventRepository.COMMITTED, this::committed);
        this.loop = Thread.ofPlatform().daemon().name("agentplane-event-feed").start(this::run);
    }

    /** Starts the shared loop, which numbers committed events and polls for them every {@code pollInterval}. */
    public static EventFeed start(Database database, Duration pollInterval) {
        return new EventFeed(database, pollInterval);
    }

    /**
     * Wake-ups for new events of one execution, or of a whole organization when {@code executionId} is null.
     * Subscribe before the first read, so no event committed in between goes unnoticed.
     */
    public Subscription subscribe(String orgId, String executionId) {
        Subscription subscription = new Subscription(executionId == null ? byOrg : byExecution,
                executionId == null ? orgId : executionId);
        if (!open) {
            subscription.close();
        }
        return subscription;
    }

    /** How many streams are subscribed now (each open stream holds one subscription until it ends). */
    public int subscriptions() {
        return byExecution.values().stream().mapToInt(Set::size).sum() + byOrg.values().stream().mapToInt(Set::size).sum();
    }

    private void committed(String executionId) {
        wakeAll(byExecution.get(executionId));
        if (!byOrg.isEmpty()) {
            wakeLoop(); // number the new events now, so org streams get them without waiting for the next poll
        }
    }

    private void wakeLoop() {
        if (loopWakeUps.availablePermits() == 0) {
            loopWakeUps.release();
        }
    }

    private void run() {
        while (open) {
            try {
                loopWakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                loopWakeUps.drainPermits();
                if (open) {
                    numberAndLook();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("the event feed could not look for new events; trying again in {}", pollInterval, e);
            }
        }
    }

    private void numberAndLook() {
        if (database.read(sequencer::hasUnnumbered)) {
            while (database.inTransaction(sequencer::assignPositions) == EventSequencer.BATCH) {
                // a backlog: keep numbering
            }
        }
        if (byExecution.isEmpty() && byOrg.isEmpty()) {
            lookedAt = database.read(sequencer::head); // nobody to wake: just keep up
            return;
        }
        for (EventSequencer.Numbered numbered : database.read(sql -> sequencer.numberedAfter(sql, lookedAt))) {
            wakeAll(byExecution.get(numbered.executionId()));
            wakeAll(byOrg.get(numbered.orgId()));
            lookedAt = Math.max(lookedAt, numbered.last());
        }
    }

    private static void wakeAll(Set<Subscription> subscriptions) {
        if (subscriptions != null) {
            subscriptions.forEach(Subscription::wake);
        }
    }

    /** Stops the loop and ends every subscription, so streams finish and the server can stop. */
    @Override
    public void close() {
        open = false;
        commits.close();
        loop.interrupt();
        try {
            loop.join(2_000); // before the database closes under it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byExecution.values().forEach(set -> set.forEach(Subscription::close));
        byOrg.values().forEach(set -> set.forEach(Subscription::close));
    }

    /** One stream's wake-ups; close it when the stream ends. */
    public final class Subscription implements AutoCloseable {
        private final Map<String, Set<Subscription>> index;
        private final String key;
        private final Semaphore wakeUps = new Semaphore(0);
        private volatile boolean closed;

        private Subscription(Map<String, Set<Subscription>> index, String key) {
            this.index = index;
            this.key = key;
            index.compute(key, (k, set) -> {
                Set<Subscription> subscriptions = set == null ? ConcurrentHashMap.newKeySet() : set;
                subscriptions.add(this);
                return subscriptions;
            });
        }

        /** Waits until new events may be there, at most {@code timeout}; false when it timed out. */
        public boolean await(Duration timeout) throws InterruptedException {
            if (closed) {
                return false;
            }
            boolean woken = wakeUps.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
            wakeUps.drainPermits();
            return woken;
        }

        /** False once the subscription or the whole feed was closed: the stream should end. */
        public boolean isOpen() {
            return !closed;
        }

        void wake() {
            if (wakeUps.availablePermits() == 0) {
                wakeUps.release();
            }
        }

        @Override
        public void close() {
            closed = true;
            index.computeIfPresent(key, (k, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
            wakeUps.release();
        }
    }
}
