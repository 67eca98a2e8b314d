package org.elasticslurm.provisioner.process;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How a supervised run ended. The process has been reaped in every case except {@link #reaped()} false.
 *
 * @param argv what ran
 * @param ending why the run ended
 * @param exitCode the exit status when {@link Ending#EXITED}, or the status reported after the kill
 * @param output stdout and stderr interleaved (the last {@link ProcessCommand#outputLimit()} bytes)
 * @param outputTruncated whether earlier output was dropped
 * @param started when it started
 * @param elapsed how long it ran
 * @param strayProcessesKilled whether processes left in its process group after it ended had to be killed
 * @param reaped whether it was seen to end (false only when even SIGKILL did not end it in time)
 */
public record ProcessOutcome(List<String> argv, Ending ending, int exitCode, String output, boolean outputTruncated,
                             Instant started, Duration elapsed, boolean strayProcessesKilled, boolean reaped) {

    /** Why a run ended. */
    public enum Ending {
        /** The process exited on its own. */
        EXITED,
        /** The output contained the stop marker; the group was killed. */
        MARKER_SEEN,
        /** The timeout passed; the group was killed. */
        TIMED_OUT
    }

    /** Copies the argument vector. */
    public ProcessOutcome {
        argv = List.copyOf(argv);
    }

    /** Whether the process exited on its own with status 0. */
    public boolean succeeded() {
        return ending == Ending.EXITED && exitCode == 0;
    }

    /** A one-line summary for logs: the program, how it ended and how long it took. */
    public String summary() {
        String how = switch (ending) {
            case EXITED -> "exited with status " + exitCode;
            case MARKER_SEEN -> "printed its marker";
            case TIMED_OUT -> "timed out and was killed";
        };
        return argv.get(0) + " " + how + " after " + elapsed.toMillis() + " ms"
                + (strayProcessesKilled ? " (processes it left behind were killed)" : "")
                + (reaped ? "" : " (NOT reaped: it survived SIGKILL)");
    }
}
