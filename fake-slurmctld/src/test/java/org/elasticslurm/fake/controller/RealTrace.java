package org.elasticslurm.fake.controller;

import java.util.ArrayList;
import java.util.List;

/** A recorded trace of the real slurmctld 22.05: lines {@code <seconds> <kind> <text>}. */
record RealTrace(List<Line> lines) {

    record Line(double time, String kind, String text) {
    }

    static RealTrace load(String resource) {
        List<Line> lines = new ArrayList<>();
        for (String raw : SimLab.resource(resource).split("\n")) {
            if (raw.isBlank()) {
                continue;
            }
            String[] parts = raw.split(" ", 3);
            lines.add(new Line(Double.parseDouble(parts[0]), parts[1], parts.length > 2 ? parts[2] : ""));
        }
        return new RealTrace(lines);
    }

    /** The {@code state NODE STATE} lines of one node, as (time, state). */
    List<SimLab.StateChange> states(String node) {
        return lines.stream().filter(l -> l.kind().equals("state") && l.text().startsWith(node + " "))
                .map(l -> new SimLab.StateChange(l.time(), l.text().substring(node.length() + 1))).toList();
    }

    /** The {@code hook NAME ARGS} lines. */
    List<Line> hooks() {
        return lines.stream().filter(l -> l.kind().equals("hook")).toList();
    }

    /** The time of the first line of a kind whose text starts with a prefix. */
    double time(String kind, String textPrefix) {
        return lines.stream().filter(l -> l.kind().equals(kind) && l.text().startsWith(textPrefix))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no " + kind + " " + textPrefix))
                .time();
    }
}
