package org.elasticslurm.fake.server;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.elasticslurm.fake.wire.Registration;

/**
 * What each node's slurmd last told the controller about its machine (Arch, OS, Version, CPULoad, FreeMem):
 * shown by {@code scontrol show node} once the node has registered. Updated from any thread.
 */
final class NodeFacts {

    /**
     * One node's facts.
     *
     * @param arch    Arch
     * @param os      OS
     * @param version Version
     * @param cpuLoad load x 100
     * @param freeMem free memory in MB
     */
    record Facts(String arch, String os, String version, long cpuLoad, long freeMem) {
    }

    private final Map<String, Facts> facts = new ConcurrentHashMap<>();

    void registered(Registration r) {
        facts.put(r.node(), new Facts(r.arch(), r.os(), r.version(), r.cpuLoad(), r.freeMem()));
    }

    void pinged(String node, long cpuLoad, long freeMem) {
        facts.computeIfPresent(node, (n, f) -> new Facts(f.arch(), f.os(), f.version(), cpuLoad, freeMem));
    }

    Optional<Facts> of(String node) {
        return Optional.ofNullable(facts.get(node));
    }
}
