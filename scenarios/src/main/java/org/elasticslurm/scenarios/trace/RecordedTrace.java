package org.elasticslurm.scenarios.trace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.lab.trace.Trace;
import org.elasticslurm.lab.trace.TraceLine;
import org.elasticslurm.scenarios.model.HookRole;

/**
 * A trace recorded from a run of the real daemons (slurm-lab's trace format, {@link Trace}): one line per event,
 * {@code <seconds> <kind> <text>} with kinds {@code start}, {@code state NODE STATE}, {@code hook NAME ARGS},
 * {@code log TEXT}, and the driver's own {@code bg NAME CMD}, {@code slurmd NODE ARGS}, {@code mark TEXT}.
 * Hook names are the installed file names: {@code resume}, {@code suspend}, {@code resumefail}.
 *
 * @param observations the states, hook calls and log lines
 * @param events what the driver did ({@code bg}, {@code slurmd}, {@code mark}), in order
 */
public record RecordedTrace(Observations observations, List<Event> events) {

    /**
     * Something the driver of the recorded run did.
     *
     * @param at seconds since start
     * @param kind {@code bg}, {@code slurmd} or {@code mark}
     * @param subject the job name, node or mark text
     * @param text the rest of the line
     */
    public record Event(Duration at, String kind, String subject, String text) {
    }

    public RecordedTrace {
        events = List.copyOf(events);
    }

    /**
     * Reads a trace file through slurm-lab's trace reader ({@link Trace}), then takes its kinds as observations.
     *
     * @throws IllegalArgumentException naming the file and the line that does not fit, and the rule
     */
    public static RecordedTrace read(Path file) {
        Trace trace = Trace.read(file);
        List<StateChange> states = new ArrayList<>();
        List<HookCall> hooks = new ArrayList<>();
        List<LogLine> log = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (TraceLine line : trace.lines()) {
            String where = file + ": trace line '" + line.format() + "'";
            Duration at = Duration.ofMillis(line.tenths() * 100);
            String kind = line.kind();
            String rest = line.text();
            String[] words = rest.isEmpty() ? new String[0] : rest.split(" ");
            switch (kind) {
                case "start" -> {
                }
                case "state" -> {
                    need(words, 2, where, "state NODE STATE");
                    try {
                        states.add(new StateChange(at, words[0], NodeState.parse(words[1])));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                    }
                }
                case "hook" -> {
                    need(words, 1, where, "hook NAME ARGS");
                    hooks.add(new HookCall(at, role(words[0], where), Arrays.asList(words).subList(1, words.length)));
                }
                case "log" -> log.add(new LogLine(at, "slurmctld", rest));
                case "bg", "slurmd", "mark" -> {
                    need(words, 1, where, kind + " ...");
                    events.add(new Event(at, kind, words[0], rest.substring(words[0].length()).strip()));
                }
                default -> throw new IllegalArgumentException(where + ": unknown trace kind '" + kind
                        + "'; allowed: start, state, hook, log, bg, slurmd, mark");
            }
        }
        return new RecordedTrace(new Observations(states, hooks, log, Map.of(), Optional.empty(), Optional.empty(),
                List.of()), events);
    }

    /** The time of the first driver event of this kind and subject ({@code bg job1}, {@code slurmd node1}). */
    public Optional<Duration> event(String kind, String subject) {
        return events.stream().filter(e -> e.kind().equals(kind) && e.subject().equals(subject)).map(Event::at)
                .findFirst();
    }

    private static void need(String[] words, int n, String where, String form) {
        if (words.length < n) {
            throw new IllegalArgumentException(where + ": expected '" + form + "'");
        }
    }

    private static HookRole role(String name, String where) {
        return switch (name) {
            case "resume" -> HookRole.RESUME;
            case "suspend" -> HookRole.SUSPEND;
            case "resumefail", "resume-fail" -> HookRole.RESUME_FAIL;
            default -> throw new IllegalArgumentException(where + ": unknown hook '" + name
                    + "'; allowed: resume, suspend, resumefail");
        };
    }
}
