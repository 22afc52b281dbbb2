package dev.agentplane.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * No log lines while a command's own output is the point (a report, JSON for CI): the server's loggers write to
 * stdout, and some (Flyway's, Hikari's) have levels of their own, so the filter denies every event, whatever its
 * logger's level.
 */
final class Silence implements AutoCloseable {
    private final LoggerContext context;
    private final TurboFilter denyAll = new TurboFilter() {
        @Override
        public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
            return FilterReply.DENY;
        }
    };

    private Silence(LoggerContext context) {
        this.context = context;
        if (context != null) {
            denyAll.start();
            context.addTurboFilter(denyAll);
        }
    }

    static Silence logging() {
        return new Silence(LoggerFactory.getILoggerFactory() instanceof LoggerContext context ? context : null);
    }

    @Override
    public void close() {
        if (context != null) {
            context.getTurboFilterList().remove(denyAll);
        }
    }
}
