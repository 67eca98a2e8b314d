package org.elasticslurm.fake.controller;

import java.time.Instant;

/**
 * One line of the controller's log.
 *
 * @param time when it was logged (controller time)
 * @param level its level
 * @param line the text as slurmctld writes it after the timestamp, prefix included
 *             ({@code error: power_save: program exit status of 1}, {@code POWER: power_save: pid 42 waking nodes c1})
 */
public record LogRecord(Instant time, LogLevel level, String line) {
}
