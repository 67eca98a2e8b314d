package org.elasticslurm.fake.controller;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.fake.sim.Scheduler;

/**
 * The node-state feed: one line {@code EPOCH_MILLIS NODE STATE} per change of what {@code scontrol show node} shows
 * of a node, starting with every node's state. {@code STATE} is the node's {@code State=} as scontrol prints it
 * ({@link NodeView#state()}, the text the drop-in scontrol prints), or {@link #NOT_LISTED} while
 * {@code scontrol show node} does not list the node (a powered-down CLOUD node without PrivateData=cloud).
 *
 * <p>{@link #check()} is meant to run after every event the controller processes (each change of state is made by
 * an event), on the controller's thread: it compares each node's shown state with the last one written, so a
 * change is written once, at the time of the event that made it. What a node shows follows from its state word and
 * the configuration (PrivateData), so an event that changed neither costs one comparison of the state words.
 */
public final class NodeStateFeed {

    /** Written while {@code scontrol show node} does not list the node ("Node NAME not found"). */
    public static final String NOT_LISTED = "NOT_FOUND";

    private final SlurmController controller;
    private final Scheduler clock;
    private final Consumer<String> lines;
    private final Map<String, String> written = new HashMap<>();
    private int[] lastWords = new int[0];
    private SlurmConf lastConf;

    /**
     * @param controller the controller whose nodes are watched
     * @param clock      the controller's clock (the time of the event being processed)
     * @param lines      receives each line, without a line end
     */
    public NodeStateFeed(SlurmController controller, Scheduler clock, Consumer<String> lines) {
        this.controller = Objects.requireNonNull(controller, "controller");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lines = Objects.requireNonNull(lines, "lines");
    }

    /** Writes a line for each node whose shown state differs from the last one written (all nodes the first time). */
    public void check() {
        int[] words = controller.stateWords();
        SlurmConf conf = controller.configuration();
        if (Arrays.equals(words, lastWords) && conf == lastConf) {
            return;
        }
        lastWords = words;
        lastConf = conf;
        for (NodeView node : controller.allNodes()) {
            String shown = node.hidden() ? NOT_LISTED : node.state();
            if (!shown.equals(written.put(node.name(), shown))) {
                lines.accept(clock.nowMillis() + " " + node.name() + " " + shown);
            }
        }
    }
}
