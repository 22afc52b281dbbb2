package dev.agentplane.audit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Links committed audit rows into their orgs' hash chains every few hundred milliseconds, and once more at close. */
public final class AuditChainer implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(AuditChainer.class);

    private final AuditLog audit;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public AuditChainer(AuditLog audit, Duration interval) {
        this.audit = audit;
        this.interval = interval;
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "agentplane-audit-chainer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::chainQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void chainQuietly() {
        try {
            audit.chainPending();
        } catch (RuntimeException e) {
            LOG.warn("could not chain audit rows; will retry", e);
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        chainQuietly();
    }
}
