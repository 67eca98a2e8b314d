package org.elasticslurm.fake.cli;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * How the Slurm commands print times. Written without java.time's formatters and without String.format: a
 * command's start-up pays for every class it loads, and only commands that print a timestamp load the time zone.
 */
final class SlurmTimes {

    private final Supplier<ZoneId> zone;
    private ZoneId resolved;

    /** @param zone the local time zone (Slurm prints local times); asked for on the first timestamp */
    SlurmTimes(Supplier<ZoneId> zone) {
        this.zone = zone;
    }

    /** A fixed zone (tests). */
    SlurmTimes(ZoneId zone) {
        this(() -> zone);
    }

    /** The system's zone, looked up when first needed. */
    static SlurmTimes local() {
        return new SlurmTimes(ZoneId::systemDefault);
    }

    /** slurm_make_time_str: {@code 2026-11-28T16:06:42}, or {@code Unknown} for none. */
    String timestamp(OptionalLong epochSeconds) {
        if (epochSeconds.isEmpty() || epochSeconds.getAsLong() == 0) {
            return "Unknown";
        }
        if (resolved == null) {
            resolved = zone.get();
        }
        long secs = epochSeconds.getAsLong();
        ZoneOffset offset = resolved.getRules().getOffset(java.time.Instant.ofEpochSecond(secs));
        LocalDateTime t = LocalDateTime.ofEpochSecond(secs, 0, offset);
        StringBuilder sb = new StringBuilder(19);
        sb.append(t.getYear()).append('-');
        two(sb, t.getMonthValue()).append('-');
        two(sb, t.getDayOfMonth()).append('T');
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond());
        return sb.toString();
    }

    /** secs2time_str (squeue's TIME): {@code 0:05}, {@code 1:02:03}, {@code 2-01:02:03}. */
    static String elapsed(long seconds) {
        if (seconds < 0) {
            return "INVALID";
        }
        long days = seconds / 86400;
        long hours = (seconds / 3600) % 24;
        long minutes = (seconds / 60) % 60;
        long secs = seconds % 60;
        StringBuilder sb = new StringBuilder();
        if (days > 0) {
            sb.append(days).append('-');
            two(sb, hours).append(':');
            two(sb, minutes).append(':');
        } else if (hours > 0) {
            sb.append(hours).append(':');
            two(sb, minutes).append(':');
        } else {
            sb.append(minutes).append(':');
        }
        return two(sb, secs).toString();
    }

    /** scontrol's RunTime: {@code 00:00:05}, {@code 2-01:02:03}. */
    static String runTime(long seconds) {
        long s = Math.max(0, seconds);
        long days = s / 86400;
        StringBuilder sb = new StringBuilder();
        if (days > 0) {
            sb.append(days).append('-');
        }
        two(sb, (s / 3600) % 24).append(':');
        two(sb, (s / 60) % 60).append(':');
        return two(sb, s % 60).toString();
    }

    /** mins2time_str (sinfo's TIMELIMIT): {@code infinite}, {@code 30:00}, {@code 1:00:00}, {@code 1-00:00:00}. */
    static String timeLimit(OptionalLong minutes) {
        if (minutes.isEmpty()) {
            return "infinite";
        }
        return elapsed(minutes.getAsLong() * 60);
    }

    /** A value with two decimals, as C's {@code %.2f} prints it (CPULoad). */
    static String twoDecimals(long hundredths) {
        StringBuilder sb = new StringBuilder();
        if (hundredths < 0) {
            sb.append('-');
            hundredths = -hundredths;
        }
        sb.append(hundredths / 100).append('.');
        return two(sb, hundredths % 100).toString();
    }

    private static StringBuilder two(StringBuilder sb, long value) {
        if (value < 10) {
            sb.append('0');
        }
        return sb.append(value);
    }
}
