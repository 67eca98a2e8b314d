package org.elasticslurm.scenarios.report;

import java.util.stream.Collectors;
import org.elasticslurm.scenarios.model.Durations;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.Stage;

/** A plain-text summary of a run for the terminal (optionally with ANSI colours). */
public final class TerminalSummary {
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";

    /** The whole report: each scenario, then a total line. */
    public String render(RunReport report, boolean color) {
        StringBuilder b = new StringBuilder(report.title()).append('\n');
        for (ScenarioResult s : report.scenarios()) {
            b.append(scenario(s, color));
        }
        long passed = report.scenarios().stream().filter(ScenarioResult::passed).count();
        long failed = report.scenarios().size() - passed;
        b.append(report.scenarios().size()).append(report.scenarios().size() == 1 ? " scenario: " : " scenarios: ")
                .append(paint(passed + " passed", GREEN, color && passed > 0)).append(", ")
                .append(paint(failed + " failed", RED, color && failed > 0)).append('\n');
        return b.toString();
    }

    /**
     * One scenario: verdict line, the cause of a failure, steps, expectations, node states (nodes with identical
     * timelines on one line under their hostlist: {@code test[1-10]: 0s idle~ -> 800ms mix~}), hook calls.
     */
    public String scenario(ScenarioResult s, boolean color) {
        StringBuilder b = new StringBuilder();
        b.append("  ").append(s.name()).append(" on ").append(s.target()).append(": ")
                .append(s.passed() ? paint("PASSED", GREEN, color) : paint("FAILED", RED, color))
                .append("  (scenario time ").append(Durations.format(s.scenarioTime())).append(", wall ")
                .append(Durations.format(s.wallTime())).append(")\n");
        s.failureCause().ifPresent(c -> b.append("    cause: ").append(paint(c, RED, color)).append('\n'));
        s.error().filter(e -> !s.failureCause().orElse("").equals(e))
                .ifPresent(e -> b.append("    error: ").append(paint(e, RED, color)).append('\n'));
        for (StepOutcome o : s.steps()) {
            String mark = switch (o.status()) {
                case DONE -> "ok  ";
                case FAILED -> paint("FAIL", RED, color);
                case NOT_APPLICABLE -> paint("n/a ", YELLOW, color);
            };
            b.append("    ").append(mark).append(" step ").append(o.index()).append(" at ")
                    .append(Durations.format(o.startedAt())).append(": ").append(o.description());
            if (o.status() != StepOutcome.Status.DONE) {
                b.append(" - ").append(o.detail());
            }
            b.append('\n');
        }
        for (ExpectationVerdict v : s.verdicts()) {
            String mark = switch (v.verdict()) {
                case PASSED -> "ok  ";
                case FAILED, PENDING -> paint("FAIL", RED, color);
                case NOT_APPLICABLE -> paint("n/a ", YELLOW, color);
            };
            b.append("    ").append(mark).append(" expect ").append(v.index()).append(": ").append(v.description())
                    .append(" - ").append(v.detail()).append('\n');
        }
        for (NodeGroup node : s.nodeGroups()) {
            b.append("    ").append(node.name()).append(": ").append(node.changes().stream()
                    .map(c -> Durations.format(c.at()) + " " + c.state().sinfoCompact())
                    .collect(Collectors.joining(" -> "))).append('\n');
        }
        if (!s.hookCalls().isEmpty()) {
            b.append("    hooks: ").append(s.hookCalls().stream().map(TerminalSummary::hook)
                    .collect(Collectors.joining("; "))).append('\n');
        }
        for (Stage st : s.stages()) {
            b.append("    stage ").append(st.node().isEmpty() ? "" : st.node() + " ").append(st.name()).append(": ")
                    .append(Durations.format(st.duration())).append(" (from ").append(Durations.format(st.start()))
                    .append(")\n");
        }
        return b.toString();
    }

    private static String hook(HookCall c) {
        return Durations.format(c.at()) + " " + c.hook() + (c.args().isEmpty() ? "" : " " + String.join(" ", c.args()));
    }

    private static String paint(String text, String colour, boolean color) {
        return color ? colour + text + RESET : text;
    }
}
