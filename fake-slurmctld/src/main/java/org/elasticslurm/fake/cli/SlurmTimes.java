package org.elasticslurm.fake.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.OptionalLong;

/** How the Slurm commands print times. */
final class SlurmTimes {

    private final DateTimeFormatter stamp;

    /** @param zone the local time zone (Slurm prints local times) */
    SlurmTimes(ZoneId zone) {
        this.stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(zone);
    }

    /** slurm_make_time_str: {@code 2026-11-28T16:06:42}, or {@code Unknown} for none. */
    String timestamp(OptionalLong epochSeconds) {
        if (epochSeconds.isEmpty() || epochSeconds.getAsLong() == 0) {
            return "Unknown";
        }
        return stamp.format(Instant.ofEpochSecond(epochSeconds.getAsLong()));
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
        if (days > 0) {
            return String.format("%d-%02d:%02d:%02d", days, hours, minutes, secs);
        }
        if (hours > 0) {
            return String.format("%d:%02d:%02d", hours, minutes, secs);
        }
        return String.format("%d:%02d", minutes, secs);
    }

    /** scontrol's RunTime: {@code 00:00:05}, {@code 2-01:02:03}. */
    static String runTime(long seconds) {
        long s = Math.max(0, seconds);
        long days = s / 86400;
        String hms = String.format("%02d:%02d:%02d", (s / 3600) % 24, (s / 60) % 60, s % 60);
        return days > 0 ? days + "-" + hms : hms;
    }

    /** mins2time_str (sinfo's TIMELIMIT): {@code infinite}, {@code 30:00}, {@code 1:00:00}, {@code 1-00:00:00}. */
    static String timeLimit(OptionalLong minutes) {
        if (minutes.isEmpty()) {
            return "infinite";
        }
        return elapsed(minutes.getAsLong() * 60);
    }
}
