package org.elasticslurm.scenarios.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.conf.state.NodeState;

/**
 * A trace recorded from a run of the real daemons (format of {@code shared/traces}): one line per event,
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
     * Reads a trace file.
     *
     * @throws IllegalArgumentException naming {@code file:line} and the rule for a line that does not fit
     */
    public static RecordedTrace read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + file, e);
        }
        List<StateChange> states = new ArrayList<>();
        List<HookCall> hooks = new ArrayList<>();
        List<LogLine> log = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + ":" + (i + 1);
            String[] parts = line.split(" ", 3);
            Duration at;
            try {
                at = Duration.ofMillis(new BigDecimal(parts[0]).movePointRight(3).longValueExact());
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException(where + ": a trace line starts with seconds (e.g. 0.8), found '"
                        + parts[0] + "'", e);
            }
            String kind = parts.length > 1 ? parts[1] : "";
            String rest = parts.length > 2 ? parts[2] : "";
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
