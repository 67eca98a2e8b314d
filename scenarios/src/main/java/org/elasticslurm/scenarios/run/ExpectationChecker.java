package org.elasticslurm.scenarios.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.scenarios.model.Anchor;
import org.elasticslurm.scenarios.model.Durations;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.scenarios.model.NodeStatePattern;
import org.elasticslurm.scenarios.report.ExpectationVerdict;
import org.elasticslurm.scenarios.report.Verdict;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.JobRecord;
import org.elasticslurm.scenarios.trace.LogLine;
import org.elasticslurm.scenarios.trace.Observations;
import org.elasticslurm.scenarios.trace.StateChange;

/**
 * Decides expectations on what a run has shown so far. Pure: the same observations give the same verdicts,
 * whatever target recorded them (sim, a real daemon, or a recorded trace).
 */
public final class ExpectationChecker {

    /**
     * What the checker is given.
     *
     * @param observations what the run showed so far
     * @param steps when each step (by id) was issued and when it took effect
     * @param now how far the run has got (scenario time)
     * @param finished whether the run is over (open windows close at {@code now})
     * @param notApplicable why the target cannot observe an expectation, if it cannot
     */
    public record Input(Observations observations, Map<String, StepSpan> steps, Duration now, boolean finished,
                        Function<Expectation, Optional<String>> notApplicable) {
    }

    /** Verdicts for the expectations, in order; earlier verdicts anchor later ones. */
    public List<ExpectationVerdict> check(List<Expectation> expectations, Input in) {
        List<ExpectationVerdict> out = new ArrayList<>();
        Map<String, Anchoring> byId = new HashMap<>();
        for (int i = 0; i < expectations.size(); i++) {
            Expectation e = expectations.get(i);
            ExpectationVerdict v = decide(i + 1, e, in, byId);
            out.add(v);
            // an id reused by expectations of other versions: the one that applies to this run is followed
            e.header().id().ifPresent(id -> byId.merge(id, new Anchoring(e, v), (earlier, now) ->
                    earlier.verdict().verdict() == Verdict.NOT_APPLICABLE ? now : earlier));
        }
        return out;
    }

    /** An expectation that later ones may follow ({@code after: ID}), with its verdict. */
    private record Anchoring(Expectation expectation, ExpectationVerdict verdict) {
    }

    private ExpectationVerdict decide(int index, Expectation e, Input in, Map<String, Anchoring> byId) {
        Optional<String> na = in.notApplicable().apply(e);
        if (na.isPresent()) {
            return verdict(index, e, Verdict.NOT_APPLICABLE, Optional.empty(), na.get());
        }
        Anchor after = e.header().after();
        Optional<Window> start;
        if (after instanceof Anchor.Start) {
            start = Optional.of(Window.at(Duration.ZERO));
        } else if (after instanceof Anchor.At at) {
            start = Optional.of(Window.at(at.time()));
        } else if (after instanceof Anchor.AfterStep step) {
            start = Optional.ofNullable(in.steps().get(step.stepId())).map(s -> new Window(s.issued(), s.done()));
            if (start.isEmpty() && in.finished()) {
                return verdict(index, e, Verdict.FAILED, Optional.empty(), "step '" + step.stepId()
                        + "' never completed, so the window never opened");
            }
        } else {
            Anchoring anchoring = byId.get(((Anchor.AfterExpectation) after).expectationId());
            ExpectationVerdict anchor = anchoring.verdict();
            if (anchor.verdict() == Verdict.FAILED || anchor.verdict() == Verdict.NOT_APPLICABLE) {
                return verdict(index, e, anchor.verdict(), Optional.empty(), "follows expectation '"
                        + ((Anchor.AfterExpectation) after).expectationId() + "', which was "
                        + anchor.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            }
            start = anchor.metAt().map(t -> new Window(since(anchoring.expectation(), t, in), t));
        }
        if (start.isEmpty()) {
            return verdict(index, e, Verdict.PENDING, Optional.empty(), "waiting for " + after);
        }
        Outcome o = outcome(e, start.get(), in);
        return verdict(index, e, o.verdict(), o.metAt(), o.detail());
    }

    /**
     * The earliest moment the anchor met at {@code metAt} may have taken effect: for a node state seen by a sampled
     * target, the last observation that did not show it yet ({@link StateChange#since()}); else {@code metAt}.
     */
    private static Duration since(Expectation anchor, Duration metAt, Input in) {
        if (anchor instanceof Expectation.Reaches r) {
            for (StateChange c : in.observations().states()) {
                if (c.node().equals(r.node()) && c.at().equals(metAt)) {
                    return c.since();
                }
            }
        }
        return metAt;
    }

    /**
     * Where an expectation's window starts: events it waits for count from {@code opens} (nothing a step causes
     * can happen before the step was issued, nothing a sampled state causes before the last sample that did not
     * show it); its length ({@code within}, {@code during}) counts from {@code base}, the moment the anchor is known
     * to have taken effect. One moment for every anchor but a step that took time and a state seen by sampling.
     */
    private record Window(Duration opens, Duration base) {
        static Window at(Duration moment) {
            return new Window(moment, moment);
        }

        Duration plus(Duration length) {
            return base.plus(length);
        }
    }

    private record Outcome(Verdict verdict, Optional<Duration> metAt, String detail) {
        static Outcome passed(Duration at, String detail) {
            return new Outcome(Verdict.PASSED, Optional.of(at), detail);
        }

        static Outcome failed(String detail) {
            return new Outcome(Verdict.FAILED, Optional.empty(), detail);
        }

        static Outcome pending(String detail) {
            return new Outcome(Verdict.PENDING, Optional.empty(), detail);
        }
    }

    private Outcome outcome(Expectation e, Window start, Input in) {
        if (e instanceof Expectation.Reaches r) {
            return reaches(r.node(), r.state(), start.opens(), start.plus(r.within()), in);
        } else if (e instanceof Expectation.Stays s) {
            return stays(s, start.base(), in);
        } else if (e instanceof Expectation.HookCalled h) {
            return hookCalled(h, start, in);
        } else if (e instanceof Expectation.JobOutcome j) {
            return job(j, start, in);
        } else if (e instanceof Expectation.LogLine l) {
            return log(l, start, in);
        } else if (e instanceof Expectation.NoVmLeft) {
            if (!in.finished()) {
                return Outcome.pending("decided at the end of the run");
            }
            List<String> left = in.observations().machinesLeft().orElse(List.of());
            return left.isEmpty() ? Outcome.passed(in.now(), "no machine left")
                    : Outcome.failed("left behind: " + String.join(", ", left));
        }
        Expectation.DefunctProcesses d = (Expectation.DefunctProcesses) e;
        if (!in.finished()) {
            return Outcome.pending("decided at the end of the run");
        }
        List<String> defunct = in.observations().defunctProcesses().orElse(List.of());
        if (d.present() == !defunct.isEmpty()) {
            return Outcome.passed(in.now(), defunct.isEmpty() ? "no defunct process"
                    : defunct.size() + " defunct: " + String.join(", ", defunct));
        }
        return Outcome.failed(defunct.isEmpty() ? "no defunct process was left (the trap did not show)"
                : "defunct processes left: " + String.join(", ", defunct));
    }

    private static boolean closed(Duration end, Input in) {
        return in.finished() || in.now().compareTo(end) >= 0;
    }

    private Outcome reaches(String node, NodeStatePattern pattern, Duration start, Duration end, Input in) {
        Observations obs = in.observations();
        Optional<NodeState> atStart = obs.stateAt(node, start);
        if (atStart.isPresent() && pattern.matches(atStart.get())) {
            return Outcome.passed(start, node + " was already " + atStart.get() + " at " + fmt(start));
        }
        List<String> seen = new ArrayList<>();
        atStart.ifPresent(s -> seen.add(s + " at " + fmt(start)));
        for (StateChange c : obs.states()) {
            if (!c.node().equals(node) || c.at().compareTo(start) <= 0) {
                continue;
            }
            if (c.at().compareTo(end) > 0) {
                break;
            }
            if (pattern.matches(c.state())) {
                return Outcome.passed(c.at(), node + " became " + c.state() + " at " + fmt(c.at()) + ", "
                        + fmt(c.at().minus(start)) + " after " + fmt(start));
            }
            seen.add(c.state() + " at " + fmt(c.at()));
        }
        if (closed(end, in)) {
            return Outcome.failed(node + " was not " + pattern + " between " + fmt(start) + " and "
                    + fmt(min(end, in.now())) + "; seen: " + (seen.isEmpty() ? "no state" : String.join(", ", seen)));
        }
        return Outcome.pending("window open until " + fmt(end));
    }

    private Outcome stays(Expectation.Stays s, Duration start, Input in) {
        Observations obs = in.observations();
        Duration end = start.plus(s.during());
        if (in.now().compareTo(start) < 0 && !in.finished()) {
            return Outcome.pending("window opens at " + fmt(start));
        }
        Optional<NodeState> atStart = obs.stateAt(s.node(), start);
        if (atStart.isEmpty() || !s.state().matches(atStart.get())) {
            return Outcome.failed(s.node() + " was " + atStart.map(NodeState::toString).orElse("not seen") + " at "
                    + fmt(start) + ", not " + s.state());
        }
        for (StateChange c : obs.states()) {
            if (!c.node().equals(s.node()) || c.at().compareTo(start) <= 0) {
                continue;
            }
            if (c.at().compareTo(end) > 0) {
                break;
            }
            if (!s.state().matches(c.state())) {
                return Outcome.failed(s.node() + " left " + s.state() + " at " + fmt(c.at()) + " (became "
                        + c.state() + "), " + fmt(c.at().minus(start)) + " into the " + fmt(s.during()) + " window");
            }
        }
        if (in.now().compareTo(end) >= 0) {
            return Outcome.passed(end, s.node() + " stayed " + atStart.get() + " from " + fmt(start) + " to "
                    + fmt(end));
        }
        if (in.finished()) {
            return Outcome.failed("the run ended at " + fmt(in.now()) + ", before the window's end at " + fmt(end));
        }
        return Outcome.pending("window open until " + fmt(end));
    }

    private Outcome hookCalled(Expectation.HookCalled h, Window window, Input in) {
        Optional<Duration> end = h.within().map(window::plus);
        Duration start = window.opens();
        Optional<List<String>> expected = h.args().map(a -> sorted(Hostlist.parse(a).names()));
        List<HookCall> matching = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (HookCall c : in.observations().hooks()) {
            if (c.hook() != h.hook() || c.at().compareTo(start) < 0
                    || end.isPresent() && c.at().compareTo(end.get()) > 0) {
                continue;
            }
            if (expected.isEmpty() || expected.get().equals(sorted(Hostlist.parse(c.hostlist()).names()))) {
                matching.add(c);
            } else {
                others.add(c.hostlist() + " at " + fmt(c.at()));
            }
        }
        boolean closed = end.map(t -> closed(t, in)).orElse(in.finished());
        String calls = h.hook() + (h.args().map(a -> " " + a).orElse(""));
        String otherText = others.isEmpty() ? "" : "; other calls: " + String.join(", ", others);
        if (h.times().isEmpty()) {
            if (!matching.isEmpty()) {
                HookCall first = matching.get(0);
                return Outcome.passed(first.at(), h.hook() + " " + first.hostlist() + " called at " + fmt(first.at())
                        + ", " + fmt(first.at().minus(start)) + " after " + fmt(start));
            }
            return closed ? Outcome.failed(calls + " was not called between " + fmt(start) + " and "
                    + fmt(end.map(t -> min(t, in.now())).orElse(in.now())) + otherText)
                    : Outcome.pending("waiting for " + calls);
        }
        int times = h.times().getAsInt();
        String at = matching.stream().map(c -> fmt(c.at())).collect(Collectors.joining(", "));
        if (matching.size() > times) {
            return Outcome.failed(calls + " was called " + matching.size() + " time(s), at " + at + "; expected "
                    + times);
        }
        if (!closed) {
            return Outcome.pending("counting " + calls + " calls until the window closes");
        }
        Duration closedAt = end.map(t -> min(t, in.now())).orElse(in.now());
        return matching.size() == times
                ? Outcome.passed(closedAt, calls + " called " + times + " time(s)" + (at.isEmpty() ? "" : " at " + at))
                : Outcome.failed(calls + " was called " + matching.size() + " time(s); expected " + times + otherText);
    }

    private Outcome job(Expectation.JobOutcome j, Window start, Input in) {
        Optional<Duration> end = j.within().map(start::plus);
        JobRecord record = in.observations().jobs().get(j.job());
        boolean closed = end.map(t -> closed(t, in)).orElse(in.finished());
        if (record == null || !record.state().isFinal()) {
            String now = record == null ? "no record of " + j.job() : j.job() + " is " + record.state();
            return closed ? Outcome.failed(now + (end.isPresent() ? " at " + fmt(min(end.get(), in.now()))
                    : " when the run ended")) : Outcome.pending(now);
        }
        Duration endedAt = record.endedAt().orElse(in.now());
        if (end.isPresent() && endedAt.compareTo(end.get()) > 0) {
            return Outcome.failed(j.job() + " ended at " + fmt(endedAt) + ", after the window's end at "
                    + fmt(end.get()));
        }
        if (j.state().isPresent() && j.state().get() != record.state()) {
            return Outcome.failed(j.job() + " ended " + record.state() + ", not " + j.state().get()
                    + (record.output().isBlank() ? "" : "; output: " + record.output().strip()));
        }
        if (j.output().isPresent() && !record.output().contains(j.output().get())) {
            return Outcome.failed(j.job() + " printed '" + record.output().strip() + "', without '"
                    + j.output().get() + "'");
        }
        return Outcome.passed(endedAt, j.job() + " ended " + record.state() + " at " + fmt(endedAt));
    }

    private Outcome log(Expectation.LogLine l, Window window, Input in) {
        Optional<Duration> end = l.within().map(window::plus);
        Duration start = window.opens();
        for (LogLine line : in.observations().log()) {
            if (line.at().compareTo(start) >= 0 && (end.isEmpty() || line.at().compareTo(end.get()) <= 0)
                    && line.text().contains(l.contains())) {
                return Outcome.passed(line.at(), line.source() + " logged at " + fmt(line.at()) + ": " + line.text());
            }
        }
        boolean closed = end.map(t -> closed(t, in)).orElse(in.finished());
        return closed ? Outcome.failed("no log line with '" + l.contains() + "' between " + fmt(start) + " and "
                + fmt(end.map(t -> min(t, in.now())).orElse(in.now()))) : Outcome.pending("waiting for the log line");
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String fmt(Duration d) {
        return Durations.format(d);
    }

    private static ExpectationVerdict verdict(int index, Expectation e, Verdict v, Optional<Duration> metAt,
                                              String detail) {
        return new ExpectationVerdict(index, e.describe(), v, metAt, detail);
    }
}
