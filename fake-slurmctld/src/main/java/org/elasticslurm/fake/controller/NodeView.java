package org.elasticslurm.fake.controller;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An immutable snapshot of a node as clients see it.
 *
 * @param name NodeName
 * @param stateWord the state word (base in the low bits, flags above; MIXED computed from allocated CPUs)
 * @param state scontrol's {@code State=}, e.g. {@code IDLE+CLOUD+POWERED_DOWN}
 * @param sinfoCompact sinfo {@code %t}, e.g. {@code idle~}
 * @param sinfoLong sinfo {@code %T}, e.g. {@code idle~}
 * @param reason Reason=, if any
 * @param reasonTime when the reason was set
 * @param nodeAddr NodeAddr=
 * @param nodeHostName NodeHostName=
 * @param port the slurmd Port, if configured
 * @param bootTime BootTime= (derived from the last accepted registration)
 * @param slurmdStartTime SlurmdStartTime=
 * @param lastBusy LastBusyTime=
 * @param cpus CPUTot=
 * @param allocCpus CPUAlloc=
 * @param realMemory RealMemory=
 * @param weight Weight=
 * @param partitions Partitions=
 * @param hidden whether 22.05 hides it from clients (powered-down CLOUD node without PrivateData=cloud, FUTURE)
 * @param cpuLoad CPULoad= x100, from the last registration or ping answer
 * @param freeMem FreeMem= in MB, from the last registration or ping answer
 */
public record NodeView(String name, int stateWord, String state, String sinfoCompact, String sinfoLong,
                       Optional<String> reason, Optional<Instant> reasonTime, String nodeAddr, String nodeHostName,
                       Optional<Integer> port, Optional<Instant> bootTime, Optional<Instant> slurmdStartTime,
                       Optional<Instant> lastBusy, int cpus, int allocCpus, long realMemory, long weight,
                       List<String> partitions, boolean hidden, long cpuLoad, long freeMem) {

    public NodeView {
        partitions = List.copyOf(partitions);
    }

    /** Whether a flag (a {@link NodeState} constant) is set. */
    public boolean has(int flag) {
        return (stateWord & flag) != 0;
    }

    /** The base state name (IDLE, ALLOCATED, MIXED, DOWN ...). */
    public String baseState() {
        return NodeState.baseName(stateWord);
    }
}
