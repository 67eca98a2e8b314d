package org.elasticslurm.fake.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads node states out of {@code scontrol show node} output (multi-line or one-line records). */
public final class NodeStates {

    /** Recorded for a configured node that {@code scontrol show node} does not list (e.g. a hidden CLOUD node). */
    public static final String NOT_FOUND = "NOT_FOUND";

    private static final Pattern NODE = Pattern.compile("(?:^|\\s)NodeName=(\\S+)");
    private static final Pattern STATE = Pattern.compile("(?:^|\\s)State=(\\S+)");

    private NodeStates() {
    }

    /**
     * The {@code State=} of each of {@code nodes} in the output, {@link #NOT_FOUND} for nodes it does not list;
     * in the order of {@code nodes}.
     */
    public static Map<String, String> parse(String showNodeOutput, List<String> nodes) {
        Map<String, String> listed = new LinkedHashMap<>();
        Matcher names = NODE.matcher(showNodeOutput);
        int start = -1;
        String name = null;
        while (names.find()) {
            if (name != null) {
                put(listed, name, showNodeOutput.substring(start, names.start()));
            }
            name = names.group(1);
            start = names.start();
        }
        if (name != null) {
            put(listed, name, showNodeOutput.substring(start));
        }
        Map<String, String> states = new LinkedHashMap<>();
        for (String node : nodes) {
            states.put(node, listed.getOrDefault(node, NOT_FOUND));
        }
        return states;
    }

    private static void put(Map<String, String> listed, String name, String record) {
        Matcher state = STATE.matcher(record);
        if (state.find()) {
            listed.put(name, state.group(1));
        }
    }
}
