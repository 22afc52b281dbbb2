package dev.agentplane.common;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work a server node repeats on its own daemon thread, with a fixed delay between runs. A failed run (the database
 * briefly unreachable) is logged and does not stop the schedule. Closing lets a run in progress finish, then runs
 * the work once more if asked to, so nothing buffered is left behind at shutdown.
 */
public final class BackgroundTask implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTask.class);

    private final String name;
    private final Duration interval;
    private final Runnable work;
    private final boolean runOnClose;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private volatile ScheduledExecutorService scheduler;

    private BackgroundTask(String name, Duration interval, Runnable work, boolean runOnClose) {
        this.name = name;
        this.interval = interval;
        this.work = work;
        this.runOnClose = runOnClose;
    }

    /** Starts repeating {@code work} every {@code interval}. */
    public static BackgroundTask every(Duration interval, String name, Runnable work) {
        return new BackgroundTask(name, interval, work, false).start();
    }

    /** Like {@link #every}, and runs {@code work} a last time when closed. */
    public static BackgroundTask everyAndAtClose(Duration interval, String name, Runnable work) {
        return new BackgroundTask(name, interval, work, true).start();
    }

    private BackgroundTask start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("agentplane-" + name).factory());
        scheduler.scheduleWithFixedDelay(this::runLogged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Runs the work soon, without waiting for the interval; wakes made before that run starts count as one. */
    public void wake() {
        ScheduledExecutorService current = scheduler;
        if (current != null && wakePending.compareAndSet(false, true)) {
            try {
                current.execute(() -> {
                    wakePending.set(false);
                    runLogged();
                });
            } catch (RejectedExecutionException closing) {
                wakePending.set(false);
            }
        }
    }

    private void runLogged() {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed; retrying in {}", name, interval, e);
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        if (runOnClose) {
            runLogged();
        }
    }
}
