package org.elasticslurm.scenarios.sim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.elasticslurm.fake.api.NodeChange;
import org.elasticslurm.fake.api.NodeSnapshot;
import org.elasticslurm.fake.api.SimulatedSlurm;
import org.elasticslurm.provisioner.slurm.SlurmController;
import org.elasticslurm.provisioner.slurm.SlurmException;
import org.elasticslurm.provisioner.slurm.SlurmNodeState;

/**
 * The provisioner's Slurm controller port on the sim target: each call is the {@code scontrol} command it stands
 * for, carried out on the simulated slurmctld in the kernel's thread. A refused update fails as scontrol would
 * (exit 1 with slurmctld's error, not transient).
 */
final class SimSlurmPort implements SlurmController {
    private final SimulatedSlurm controller;

    SimSlurmPort(SimulatedSlurm controller) {
        this.controller = controller;
    }

    @Override
    public void updateNodeAddress(String node, String address, String hostname) {
        update(new NodeChange(node, Optional.empty(), Optional.empty(), Optional.of(address), Optional.of(hostname)),
                "nodename=" + node, "nodeaddr=" + address, "nodehostname=" + hostname);
    }

    @Override
    public void markDown(String node, String reason) {
        String oneLine = reason.replace('\n', ' ').replace('\r', ' ');
        update(new NodeChange(node, Optional.of("DOWN"), Optional.of(oneLine), Optional.empty(), Optional.empty()),
                "nodename=" + node, "state=DOWN",
                "reason=" + oneLine);
    }

    @Override
    public void returnToService(String node) {
        update(new NodeChange(node, Optional.of("RESUME"), Optional.empty(), Optional.empty(), Optional.empty()),
                "nodename=" + node, "state=RESUME");
    }

    @Override
    public Map<String, SlurmNodeState> nodeStates() {
        Map<String, SlurmNodeState> states = new LinkedHashMap<>();
        for (NodeSnapshot v : controller.shownNodes()) {
            List<String> words = Arrays.asList(v.state().split("\\+"));
            Set<String> flags = new TreeSet<>(words.subList(1, words.size()));
            states.put(v.name(), new SlurmNodeState(v.name(), words.get(0), flags, v.nodeAddr(), v.reason()));
        }
        return states;
    }

    @Override
    public void ping() {
        if (!controller.isRunning()) {
            throw new SlurmException(List.of("scontrol", "ping"), 1, "Slurmctld(primary) is DOWN", true, null);
        }
    }

    private void update(NodeChange change, String... args) {
        Optional<String> refusal = controller.updateNode(change);
        if (refusal.isPresent()) {
            List<String> argv = new java.util.ArrayList<>(List.of("scontrol", "update"));
            argv.addAll(List.of(args));
            throw new SlurmException(argv, 1, "scontrol: error: " + refusal.get(), false, null);
        }
    }
}
