package org.elasticslurm.scenarios.report;

import static org.elasticslurm.scenarios.report.Markup.esc;
import static org.elasticslurm.scenarios.report.Markup.num;

import java.time.Duration;
import java.util.List;
import org.elasticslurm.scenarios.model.Durations;
import org.elasticslurm.conf.state.NodeBase;
import org.elasticslurm.conf.state.NodeFlag;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.StateChange;

/**
 * One scenario's timeline as inline SVG: a lane of hook calls (a marker and its arguments per call, with a
 * dashed line across the nodes), a lane of steps, then per group of nodes with identical timelines
 * ({@link NodeGroup}: one row labelled {@code test[1-300] (300)}) its states over time as coloured bands labelled
 * with sinfo's compact form (at most {@link #MAX_ROWS} rows: a last row counts the nodes left out); a labelled
 * scenario-time axis below and a legend. Every element carries {@code class} and
 * {@code data-*} attributes naming what it shows, and a {@code <title>} tooltip with the full state.
 */
public final class SvgTimeline {
    static final int WIDTH = 1100;
    static final int LEFT = 130;
    static final int MAX_LEFT = 320;
    /** Rows of node groups drawn at most; the last row then says how many nodes and timelines are left out. */
    static final int MAX_ROWS = 100;
    /**
     * Hook calls drawn with their arguments and a line across the nodes at most; beyond, markers only (one row
     * per hook, arguments in the tooltip) and the count in the lane's label.
     */
    static final int MAX_LABELLED_HOOKS = 30;
    static final int CHAR = 7;
    static final int RIGHT = 30;
    static final int HOOK_LANE = 58;
    static final int STEP_LANE = 30;
    static final int ROW = 26;
    static final int GAP = 8;

    /** The style rules that colour the bands by {@link Category}. */
    static String bandStyle() {
        StringBuilder b = new StringBuilder();
        for (Category c : Category.values()) {
            b.append("svg .").append(c.cssClass()).append(" rect{fill:").append(c.colour).append("}\n");
        }
        return b.toString();
    }

    /** Colour categories of node states, in legend order. */
    enum Category {
        IDLE("idle", "#43a047"), ALLOCATED("allocated", "#1e88e5"), POWERING_UP("powering up", "#fb8c00"),
        POWERING_DOWN("powering down", "#8e24aa"), POWERED_DOWN("powered down", "#9e9e9e"),
        DOWN("down", "#e53935"), DRAIN("drain/fail", "#fdd835"), OTHER("other", "#607d8b");

        final String label;
        final String colour;

        Category(String label, String colour) {
            this.label = label;
            this.colour = colour;
        }

        String cssClass() {
            return "state-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        static Category of(NodeState s) {
            if (s.base() == NodeBase.DOWN) {
                return DOWN;
            } else if (s.has(NodeFlag.POWERING_UP)) {
                return POWERING_UP;
            } else if (s.has(NodeFlag.POWERING_DOWN)) {
                return POWERING_DOWN;
            } else if (s.has(NodeFlag.POWERED_DOWN)) {
                return POWERED_DOWN;
            } else if (s.has(NodeFlag.DRAIN) || s.has(NodeFlag.FAIL)) {
                return DRAIN;
            } else if (s.base() == NodeBase.ALLOCATED || s.base() == NodeBase.MIXED
                    || s.has(NodeFlag.COMPLETING)) {
                return ALLOCATED;
            } else if (s.base() == NodeBase.IDLE) {
                return IDLE;
            }
            return OTHER;
        }
    }

    /** The SVG element for a scenario result. */
    public String render(ScenarioResult r) {
        List<NodeGroup> all = r.nodeGroups();
        List<NodeGroup> groups = all.size() > MAX_ROWS ? all.subList(0, MAX_ROWS - 1) : all;
        List<NodeGroup> rest = all.subList(groups.size(), all.size());
        int left = left(groups);
        Duration end = end(r);
        double plot = WIDTH - left - RIGHT;
        double seconds = Math.max(end.toMillis() / 1000.0, 1.0);
        Scale x = t -> left + t.toMillis() / 1000.0 / seconds * plot;

        int nodesTop = HOOK_LANE + STEP_LANE + GAP;
        int nodesBottom = nodesTop + (groups.size() + (rest.isEmpty() ? 0 : 1)) * (ROW + GAP);
        int axisY = nodesBottom + 4;
        int legendY = axisY + 34;
        int height = legendY + 24;

        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" data-scenario=\"").append(esc(r.name()))
                .append("\" data-target=\"").append(r.target()).append("\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"").append(esc("node states and hook calls of "
                        + r.name() + " on " + r.target())).append("\">\n");
        int calls = r.hookCalls().size();
        b.append("<text class=\"lane-label\" x=\"8\" y=\"").append(HOOK_LANE / 2 + 4).append("\">hook calls")
                .append(calls > MAX_LABELLED_HOOKS ? " (" + calls + ")" : "").append("</text>\n");
        b.append("<text class=\"lane-label\" x=\"8\" y=\"").append(HOOK_LANE + STEP_LANE / 2 + 4)
                .append("\">steps</text>\n");

        axis(b, x, left, seconds, axisY, nodesTop);
        int row = 0;
        for (NodeGroup g : groups) {
            int y = nodesTop + row++ * (ROW + GAP);
            String label = label(g);
            b.append("<g class=\"node-row\" data-node=\"").append(esc(g.name())).append("\" data-count=\"")
                    .append(g.size()).append("\">\n");
            b.append("<text class=\"node-label\" x=\"8\" y=\"").append(y + ROW / 2 + 4).append("\"><title>")
                    .append(esc(g.name() + (g.size() > 1 ? ": " + g.size() + " nodes with this timeline" : "")))
                    .append("</title>").append(esc(fit(label, left))).append("</text>\n");
            List<StateChange> changes = g.changes();
            for (int i = 0; i < changes.size(); i++) {
                StateChange c = changes.get(i);
                Duration to = i + 1 < changes.size() ? changes.get(i + 1).at() : end;
                band(b, g.name(), c, to, x, y);
            }
            b.append("</g>\n");
        }
        if (!rest.isEmpty()) {
            more(b, rest, nodesTop + row * (ROW + GAP));
        }

        for (int i = 0; i < r.steps().size(); i++) {
            StepOutcome o = r.steps().get(i);
            double sx = x.at(o.startedAt());
            double sy = HOOK_LANE + 6;
            b.append("<g class=\"step step-").append(o.status().name().toLowerCase(java.util.Locale.ROOT))
                    .append("\" data-step=\"").append(o.index()).append("\" data-at=\"")
                    .append(Durations.format(o.startedAt())).append("\"><title>")
                    .append(esc("step " + o.index() + " at " + Durations.format(o.startedAt()) + ": "
                            + o.description() + (o.detail().isBlank() ? "" : " - " + o.detail()))).append("</title>")
                    .append("<path d=\"M").append(num(sx)).append(' ').append(num(sy)).append(" l-6 12 h12 z\"/>")
                    .append("<text class=\"step-label\" x=\"").append(num(sx + 8)).append("\" y=\"").append(num(sy + 11))
                    .append("\">").append(o.index()).append("</text></g>\n");
        }

        List<HookCall> hooks = r.hookCalls();
        boolean dense = hooks.size() > MAX_LABELLED_HOOKS;
        for (int i = 0; i < hooks.size(); i++) {
            HookCall h = hooks.get(i);
            double hx = x.at(h.at());
            double hy = dense ? 12 + 17 * h.hook().ordinal() : i % 2 == 0 ? 14 : 36;
            String args = String.join(" ", h.args());
            b.append("<g class=\"hook hook-").append(h.hook().keyword()).append("\" data-hook=\"")
                    .append(h.hook().keyword()).append("\" data-args=\"").append(esc(args)).append("\" data-at=\"")
                    .append(Durations.format(h.at())).append("\"><title>")
                    .append(esc(h.hook() + " " + args + " at " + Durations.format(h.at()))).append("</title>");
            if (!dense) {
                b.append("<line class=\"hook-line\" x1=\"").append(num(hx)).append("\" y1=\"").append(num(hy + 6))
                        .append("\" x2=\"").append(num(hx)).append("\" y2=\"").append(nodesBottom).append("\"/>");
            }
            b.append("<path class=\"hook-marker\" d=\"M").append(num(hx)).append(' ').append(num(hy - 6))
                    .append(" l6 6 l-6 6 l-6 -6 z\"/>");
            if (!dense) {
                b.append("<text class=\"hook-label\" x=\"").append(num(hx + 9)).append("\" y=\"").append(num(hy + 4))
                        .append("\">").append(esc(h.hook() + " " + args)).append("</text>");
            }
            b.append("</g>\n");
        }
        legend(b, left, legendY);
        b.append("</svg>\n");
        return b.toString();
    }

    /** The row that stands for the groups beyond {@link #MAX_ROWS}: how many, and where to read them. */
    private static void more(StringBuilder b, List<NodeGroup> rest, int y) {
        int nodes = rest.stream().mapToInt(NodeGroup::size).sum();
        b.append("<g class=\"more-rows\" data-count=\"").append(nodes).append("\" data-groups=\"")
                .append(rest.size()).append("\"><text class=\"node-label\" x=\"8\" y=\"").append(y + ROW / 2 + 4)
                .append("\">").append(esc("\u2026 " + nodes + " more node(s) in " + rest.size()
                        + " further timeline(s), from " + rest.get(0).name()
                        + ": see the terminal summary or junit.xml")).append("</text></g>\n");
    }

    private static void band(StringBuilder b, String node, StateChange c, Duration to, Scale x, int y) {
        double x0 = x.at(c.at());
        double w = Math.max(1.5, x.at(to) - x0);
        Category cat = Category.of(c.state());
        String label = c.state().sinfoCompact();
        b.append("<g class=\"band ").append(cat.cssClass()).append("\" data-node=\"").append(esc(node))
                .append("\" data-state=\"").append(c.state()).append("\">")
                .append("<title>").append(esc(node + " " + c.state() + " (" + label + ") from "
                        + Durations.format(c.at()) + " to " + Durations.format(to))).append("</title>")
                .append("<rect x=\"").append(num(x0)).append("\" y=\"").append(y).append("\" width=\"").append(num(w))
                .append("\" height=\"").append(ROW).append("\"/>");
        if (w >= label.length() * 7 + 6) {
            b.append("<text class=\"band-label\" x=\"").append(num(x0 + 4)).append("\" y=\"").append(y + ROW / 2 + 4)
                    .append("\">").append(esc(label)).append("</text>");
        }
        b.append("</g>\n");
    }

    private static void axis(StringBuilder b, Scale x, int left, double seconds, int y, int top) {
        double step = niceStep(seconds / 10);
        b.append("<g class=\"axis\">\n<text class=\"axis-label\" x=\"8\" y=\"").append(y + 18)
                .append("\">scenario time</text>\n<line x1=\"").append(left).append("\" y1=\"").append(y).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(y).append("\"/>\n");
        for (double t = 0; t <= seconds + 1e-9; t += step) {
            double tx = x.at(Duration.ofMillis(Math.round(t * 1000)));
            b.append("<line class=\"grid\" x1=\"").append(num(tx)).append("\" y1=\"").append(top).append("\" x2=\"")
                    .append(num(tx)).append("\" y2=\"").append(y + 5).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(num(tx)).append("\" y=\"").append(y + 18).append("\">")
                    .append(esc(Durations.format(Duration.ofMillis(Math.round(t * 1000))))).append("</text>\n");
        }
        b.append("</g>\n");
    }

    private static void legend(StringBuilder b, int left, int y) {
        b.append("<g class=\"legend\">\n");
        int lx = left;
        for (Category c : Category.values()) {
            b.append("<rect x=\"").append(lx).append("\" y=\"").append(y - 10).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(c.colour).append("\"/><text x=\"").append(lx + 16).append("\" y=\"").append(y).append("\">")
                    .append(c.label).append("</text>\n");
            lx += 24 + c.label.length() * 7;
        }
        b.append("</g>\n");
    }

    /** A group's label: its hostlist, and how many nodes it holds when more than one. */
    static String label(NodeGroup g) {
        return g.size() > 1 ? g.name() + " (" + g.size() + ")" : g.name();
    }

    /** The left margin: wide enough for the longest label, between {@link #LEFT} and {@link #MAX_LEFT}. */
    private static int left(List<NodeGroup> groups) {
        int widest = 0;
        for (NodeGroup g : groups) {
            widest = Math.max(widest, label(g).length());
        }
        return Math.max(LEFT, Math.min(MAX_LEFT, widest * CHAR + 16));
    }

    /** The label, shortened with an ellipsis when it does not fit the margin (the tooltip has it whole). */
    private static String fit(String label, int left) {
        int max = (left - 16) / CHAR;
        return label.length() <= max ? label : label.substring(0, Math.max(1, max - 1)) + "\u2026";
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        double pow = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 0.001))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * pow >= raw) {
                return m * pow;
            }
        }
        return 10 * pow;
    }

    private static Duration end(ScenarioResult r) {
        Duration end = r.scenarioTime();
        for (StateChange c : r.observations().states()) {
            end = c.at().compareTo(end) > 0 ? c.at() : end;
        }
        for (HookCall h : r.hookCalls()) {
            end = h.at().compareTo(end) > 0 ? h.at() : end;
        }
        return end;
    }

    @FunctionalInterface
    private interface Scale {
        double at(Duration t);
    }
}
