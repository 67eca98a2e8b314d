package org.elasticslurm.fake.controller;

import java.util.function.Supplier;
import org.elasticslurm.fake.sim.Scheduler;

/**
 * The controller's logger: applies the SlurmctldDebug level, adds the real prefixes, and writes
 * {@code log_flag(POWER, ...)} lines (as {@code POWER: ...} at verbose level) only when DebugFlags has Power.
 */
final class ControllerLog {

    private final Scheduler scheduler;
    private final LogSink sink;
    private LogLevel level;
    private boolean powerFlag;

    ControllerLog(Scheduler scheduler, LogSink sink, LogLevel level, boolean powerFlag) {
        this.scheduler = scheduler;
        this.sink = sink;
        this.level = level;
        this.powerFlag = powerFlag;
    }

    void configure(LogLevel newLevel, boolean newPowerFlag) {
        this.level = newLevel;
        this.powerFlag = newPowerFlag;
    }

    boolean enabled(LogLevel at) {
        return level.allows(at);
    }

    boolean powerEnabled() {
        return powerFlag && level.allows(LogLevel.VERBOSE);
    }

    void error(String text) {
        write(LogLevel.ERROR, text);
    }

    void info(String text) {
        write(LogLevel.INFO, text);
    }

    void verbose(String text) {
        write(LogLevel.VERBOSE, text);
    }

    void debug(String text) {
        write(LogLevel.DEBUG, text);
    }

    void debug(Supplier<String> text) {
        if (enabled(LogLevel.DEBUG)) {
            write(LogLevel.DEBUG, text.get());
        }
    }

    void debug2(Supplier<String> text) {
        if (enabled(LogLevel.DEBUG2)) {
            write(LogLevel.DEBUG2, text.get());
        }
    }

    /** log_flag(POWER, ...). */
    void power(Supplier<String> text) {
        if (powerEnabled()) {
            sink.accept(new LogRecord(scheduler.now(), LogLevel.VERBOSE, "POWER: " + text.get()));
        }
    }

    /** A line already carrying its prefix (from the hook program rules). */
    void prefixed(String line) {
        LogLevel at = LogLevel.ofPrefixedLine(line);
        if (level.allows(at)) {
            sink.accept(new LogRecord(scheduler.now(), at, line));
        }
    }

    /** A diagnosis beyond what slurmctld logs, always written, as {@code warning: ...}. */
    void warning(String text) {
        sink.accept(new LogRecord(scheduler.now(), LogLevel.ERROR, "warning: " + text));
    }

    private void write(LogLevel at, String text) {
        if (level.allows(at)) {
            sink.accept(new LogRecord(scheduler.now(), at, at.prefix() + text));
        }
    }
}
