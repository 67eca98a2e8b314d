package org.elasticslurm.fake.controller;

import java.util.Locale;
import java.util.Optional;

/**
 * slurmctld's log levels (SlurmctldDebug) in increasing verbosity, with the prefix each puts in front of a line
 * in the log file.
 */
public enum LogLevel {
    /** Nothing. */
    QUIET(""),
    /** fatal(). */
    FATAL("fatal: "),
    /** error(). */
    ERROR("error: "),
    /** info(). */
    INFO(""),
    /** verbose() and log_flag() lines. */
    VERBOSE(""),
    /** debug(). */
    DEBUG("debug:  "),
    /** debug2(). */
    DEBUG2("debug2: "),
    /** debug3(). */
    DEBUG3("debug3: "),
    /** debug4(). */
    DEBUG4("debug4: "),
    /** debug5(). */
    DEBUG5("debug5: ");

    private final String prefix;

    LogLevel(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix of a line at this level ({@code error: }, {@code debug:  } ...). */
    public String prefix() {
        return prefix;
    }

    /** Whether a line at {@code level} is written when this is the configured level. */
    public boolean allows(LogLevel level) {
        return level != QUIET && level.ordinal() <= ordinal();
    }

    /**
     * Parses a SlurmctldDebug value as 22.05 does: a name (quiet, fatal, error, info, verbose, debug,
     * debug2..debug5) or its number 0-9.
     */
    public static Optional<LogLevel> parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.matches("[0-9]")) {
            return Optional.of(values()[Integer.parseInt(v)]);
        }
        for (LogLevel level : values()) {
            if (level.name().toLowerCase(Locale.ROOT).equals(v)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /** The level of an already prefixed line ({@code error: ...} is ERROR, {@code debug:  ...} DEBUG, else INFO). */
    public static LogLevel ofPrefixedLine(String line) {
        for (LogLevel level : new LogLevel[] {FATAL, ERROR, DEBUG, DEBUG2, DEBUG3, DEBUG4, DEBUG5}) {
            if (line.startsWith(level.prefix)) {
                return level;
            }
        }
        return INFO;
    }
}
