package org.elasticslurm.scenarios.target.realslurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.lab.trace.Trace;
import org.elasticslurm.lab.trace.TraceLine;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.target.TargetException;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.LogLine;
import org.elasticslurm.scenarios.trace.StateChange;

/**
 * The reference lab's trace file read as scenario observations: {@code state} lines (the sampler's
 * {@code scontrol show node} every 0.5 s), {@code hook} lines (written by the hook programs), {@code log} lines
 * (slurmctld's log), {@code out}/{@code exit} lines of commands. Lines still being written are left for the next
 * read.
 *
 * @param states node state changes, in time order
 * @param hooks hook calls, in time order
 * @param log controller log lines
 * @param lines every complete line, in time order
 */
record LabTrace(List<StateChange> states, List<HookCall> hooks, List<LogLine> log, List<TraceLine> lines) {

    static LabTrace read(Path file) {
        if (!Files.exists(file)) {
            return new LabTrace(List.of(), List.of(), List.of(), List.of());
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lab trace " + file, e);
        }
        Trace trace = Trace.parse(text.substring(0, text.lastIndexOf('\n') + 1)).sortedByTime();
        List<StateChange> states = new ArrayList<>();
        List<HookCall> hooks = new ArrayList<>();
        List<LogLine> log = new ArrayList<>();
        for (TraceLine line : trace.lines()) {
            Duration at = Duration.ofMillis(line.tenths() * 100);
            switch (line.kind()) {
                case "state" -> {
                    if (!line.rest().equals("NOT_FOUND")) {
                        states.add(new StateChange(at, line.subject(), state(line.subject(), line.rest())));
                    }
                }
                case "hook" -> hooks.add(new HookCall(at, role(line.subject()),
                        line.rest().isEmpty() ? List.of() : Arrays.asList(line.rest().split(" "))));
                case "log" -> log.add(new LogLine(at, "slurmctld", line.text()));
                default -> {
                }
            }
        }
        return new LabTrace(states, hooks, log, trace.lines());
    }

    /** The {@code out NAME LINE} lines of a command, joined with newlines. */
    String output(String name) {
        StringBuilder out = new StringBuilder();
        lines.stream().filter(l -> l.kind().equals("out") && l.subject().equals(name))
                .forEach(l -> out.append(l.rest()).append('\n'));
        return out.toString();
    }

    /** A state as {@code scontrol show node} printed it. */
    static NodeState state(String node, String text) {
        try {
            return NodeState.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TargetException("the trace shows node " + node + " in State=" + text + ", which Slurm 22.05 "
                    + "does not have (" + e.getMessage() + ")", e);
        }
    }

    private static HookRole role(String name) {
        return switch (name) {
            case "resume" -> HookRole.RESUME;
            case "suspend" -> HookRole.SUSPEND;
            case "resume-fail", "resumefail" -> HookRole.RESUME_FAIL;
            default -> throw new TargetException("a hook recorded an unknown role '" + name
                    + "'; allowed: resume, suspend, resume-fail", null);
        };
    }
}
