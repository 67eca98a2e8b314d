package org.elasticslurm.lab.trace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a trace with an expected one (e.g. a fake run with the real daemon's): node-state sequences (in order,
 * sampling duplicates merged, states shorter than {@link Tolerances#transientState()} optional), hook calls and
 * arguments, their times within {@link Tolerances#time()}, resume JSON, command outcomes and output (stdout in
 * order; stderr as a multiset, since srun writes it from several threads), recorded log
 * lines and early stops. The scenario's own actions ({@code bg}, {@code slurmd}, {@code mark}) are not compared:
 * both sides ran the same script.
 */
public final class TraceComparator {

    private final Tolerances tolerances;

    public TraceComparator(Tolerances tolerances) {
        this.tolerances = tolerances;
    }

    public TraceComparison compare(Trace expected, Trace actual) {
        List<TraceDifference> out = new ArrayList<>();
        Set<Aspect> aspects = tolerances.aspects();
        if (aspects.contains(Aspect.STATES) || aspects.contains(Aspect.STATE_TIMES)) {
            compareStates(expected, actual, out);
        }
        if (aspects.contains(Aspect.HOOKS) || aspects.contains(Aspect.HOOK_TIMES)) {
            compareHooks(expected, actual, out);
        }
        if (aspects.contains(Aspect.RESUME_JSON)) {
            for (String hook : union(expected.subjects("json"), actual.subjects("json"))) {
                compareLists(Aspect.RESUME_JSON, hook, rests(expected.ofKind("json", hook)),
                        rests(actual.ofKind("json", hook)), out);
            }
        }
        if (aspects.contains(Aspect.JOBS)) {
            compareJobs(expected, actual, out);
        }
        if (aspects.contains(Aspect.LOGS)) {
            compareLists(Aspect.LOGS, "-", texts(expected.ofKind("log")), texts(actual.ofKind("log")), out);
        }
        if (aspects.contains(Aspect.ABORT)) {
            compareLists(Aspect.ABORT, "-", texts(expected.ofKind("abort")), texts(actual.ofKind("abort")), out);
        }
        return new TraceComparison(out);
    }

    private void compareStates(Trace expected, Trace actual, List<TraceDifference> out) {
        long threshold = tolerances.transientState().toMillis() / 100;
        for (String node : union(expected.subjects("state"), actual.subjects("state"))) {
            List<StateSegment> e = StateSegment.of(expected, node);
            List<StateSegment> a = StateSegment.of(actual, node);
            Optional<List<StateAlignment.Pair>> pairs = StateAlignment.align(e, a, threshold);
            if (pairs.isEmpty()) {
                if (tolerances.aspects().contains(Aspect.STATES)) {
                    out.add(new TraceDifference(Aspect.STATES, node, "expected " + e + " but was " + a));
                }
                continue;
            }
            if (tolerances.aspects().contains(Aspect.STATE_TIMES)) {
                for (StateAlignment.Pair p : pairs.get()) {
                    checkTime(Aspect.STATE_TIMES, node, p.expected().state(), p.expected().start(), p.actual().start(), out);
                }
            }
        }
    }

    private void compareHooks(Trace expected, Trace actual, List<TraceDifference> out) {
        for (String hook : union(expected.subjects("hook"), actual.subjects("hook"))) {
            List<TraceLine> e = expected.ofKind("hook", hook);
            List<TraceLine> a = actual.ofKind("hook", hook);
            if (!rests(e).equals(rests(a))) {
                if (tolerances.aspects().contains(Aspect.HOOKS)) {
                    out.add(new TraceDifference(Aspect.HOOKS, hook, "expected calls " + calls(e) + " but was " + calls(a)));
                }
                continue;
            }
            if (tolerances.aspects().contains(Aspect.HOOK_TIMES)) {
                for (int i = 0; i < e.size(); i++) {
                    checkTime(Aspect.HOOK_TIMES, hook, "call " + (i + 1) + " (" + e.get(i).rest() + ")",
                            e.get(i).tenths(), a.get(i).tenths(), out);
                }
            }
        }
    }

    private static void compareJobs(Trace expected, Trace actual, List<TraceDifference> out) {
        Set<String> jobs = union(union(expected.subjects("bg"), expected.subjects("run")),
                union(actual.subjects("bg"), actual.subjects("run")));
        for (String job : jobs) {
            compareLists(Aspect.JOBS, job, prefixed("exit ", rests(expected.ofKind("exit", job))),
                    prefixed("exit ", rests(actual.ofKind("exit", job))), out);
            compareLists(Aspect.JOBS, job, prefixed("out ", rests(expected.ofKind("out", job))),
                    prefixed("out ", rests(actual.ofKind("out", job))), out);
            compareLists(Aspect.JOBS, job, sorted(prefixed("err ", rests(expected.ofKind("err", job)))),
                    sorted(prefixed("err ", rests(actual.ofKind("err", job)))), out);
        }
    }

    private void checkTime(Aspect aspect, String subject, String what, long expectedTenths, long actualTenths,
                           List<TraceDifference> out) {
        long tolerance = tolerances.time().toMillis() / 100;
        if (Math.abs(expectedTenths - actualTenths) > tolerance) {
            out.add(new TraceDifference(aspect, subject, what + " expected at " + TraceLine.formatSeconds(expectedTenths)
                    + " s but was at " + TraceLine.formatSeconds(actualTenths) + " s (tolerance "
                    + TraceLine.formatSeconds(tolerance) + " s)"));
        }
    }

    private static void compareLists(Aspect aspect, String subject, List<String> expected, List<String> actual,
                                     List<TraceDifference> out) {
        if (!expected.equals(actual)) {
            out.add(new TraceDifference(aspect, subject, "expected " + expected + " but was " + actual));
        }
    }

    private static List<String> calls(List<TraceLine> hookLines) {
        return hookLines.stream().map(l -> l.rest() + "@" + l.seconds()).toList();
    }

    private static List<String> rests(List<TraceLine> lines) {
        return lines.stream().map(TraceLine::rest).toList();
    }

    private static List<String> texts(List<TraceLine> lines) {
        return lines.stream().map(TraceLine::text).toList();
    }

    private static List<String> prefixed(String prefix, List<String> values) {
        return values.stream().map(v -> prefix + v).toList();
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }

    private static Set<String> union(Set<String> x, Set<String> y) {
        Set<String> all = new LinkedHashSet<>(x);
        all.addAll(y);
        return all;
    }
}
