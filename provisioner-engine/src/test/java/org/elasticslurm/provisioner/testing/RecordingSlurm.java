package org.elasticslurm.provisioner.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticslurm.provisioner.slurm.SlurmController;
import org.elasticslurm.provisioner.slurm.SlurmException;
import org.elasticslurm.provisioner.slurm.SlurmNodeState;

/** A Slurm port for unit tests of the engine: records calls, shows the states the test sets. */
public final class RecordingSlurm implements SlurmController {
    public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    public final Map<String, SlurmNodeState> states = Collections.synchronizedMap(new LinkedHashMap<>());
    public volatile int failNextUpdates;
    /** Thrown by the next address update (an error no step expects), then cleared. */
    public volatile Error nextUpdateError;

    @Override
    public void updateNodeAddress(String node, String address, String hostname) {
        Error error = nextUpdateError;
        if (error != null) {
            nextUpdateError = null;
            throw error;
        }
        if (failNextUpdates > 0) {
            failNextUpdates--;
            throw new SlurmException(List.of("scontrol", "update"), 1,
                    "slurm_update error: Unable to contact slurm controller (connect failure)", true, null);
        }
        calls.add("update " + node + " nodeaddr=" + address + " nodehostname=" + hostname);
    }

    /** How many of the next DOWN-markings fail (permanently, as a refused scontrol update does). */
    public volatile int failNextMarkDowns;

    @Override
    public void markDown(String node, String reason) {
        if (failNextMarkDowns > 0) {
            failNextMarkDowns--;
            throw new SlurmException(List.of("scontrol", "update"), 1, "Invalid node state specified", false, null);
        }
        calls.add("down " + node + " reason=" + reason);
    }

    @Override
    public void returnToService(String node) {
        calls.add("resume " + node);
    }

    /** Set: reading the node states fails as with an unreachable controller. */
    public volatile boolean unreachable;

    @Override
    public Map<String, SlurmNodeState> nodeStates() {
        if (unreachable) {
            throw new SlurmException(List.of("scontrol", "-o", "show", "node"), 1,
                    "slurm_load_node error: Unable to contact slurm controller (connect failure)", true, null);
        }
        synchronized (states) {
            return new LinkedHashMap<>(states);
        }
    }

    @Override
    public void ping() {
    }

    public List<String> callsFor(String node) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.split(" ")[1].equals(node)).toList();
        }
    }
}
