package org.elasticslurm.lab.real;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.elasticslurm.lab.trace.TraceRecorder;

/**
 * Records controller log lines in the trace as {@code log LINE} (process ids written as {@code pid N}): lines a step
 * asks for now, and at the end of the recording the lines of followed patterns that no step took, at the time they
 * were first seen.
 */
final class ControllerLogRecording {

    private static final Pattern PID = Pattern.compile("\\bpid \\d+");

    private final SlurmctldLog log;
    private final TraceRecorder recorder;
    private final List<Pattern> followed = new ArrayList<>();

    ControllerLogRecording(SlurmctldLog log, TraceRecorder recorder) {
        this.log = log;
        this.recorder = recorder;
    }

    /** Notes the time of lines not seen before (called by the sampler). */
    void observe() {
        log.observe(recorder.elapsedTenths());
    }

    /** Records the new lines matching the pattern now; returns how many. */
    int recordNow(Pattern pattern) {
        List<SlurmctldLog.SeenLine> lines = log.take(pattern, recorder.elapsedTenths());
        lines.forEach(l -> recorder.record("log", normalize(l.text())));
        return lines.size();
    }

    synchronized void followUntilEnd(Pattern pattern) {
        followed.add(pattern);
    }

    /** Records the followed patterns' remaining lines, each at the time it was first seen. */
    synchronized void recordFollowed() {
        long now = recorder.elapsedTenths();
        for (Pattern pattern : followed) {
            log.take(pattern, now).forEach(l -> recorder.recordAt(l.seenTenths(), "log", normalize(l.text())));
        }
    }

    private static String normalize(String line) {
        return PID.matcher(line).replaceAll("pid N");
    }
}
