package org.elasticslurm.fake.controller;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** slurmctld's log-file line format: {@code [2026-11-28T15:40:00.123] text}, local time, milliseconds. */
public final class SlurmLogFormat {

    private final DateTimeFormatter formatter;

    /** @param zone the time zone of the timestamps (slurmctld uses the local zone) */
    public SlurmLogFormat(ZoneId zone) {
        this.formatter = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(zone);
    }

    /** The timestamp in brackets, followed by a space. */
    public String timestamp(Instant time) {
        return "[" + formatter.format(time) + "] ";
    }

    /** A whole line, without the trailing newline. */
    public String format(LogRecord record) {
        return timestamp(record.time()) + record.line();
    }
}
