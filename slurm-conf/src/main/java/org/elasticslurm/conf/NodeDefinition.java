package org.elasticslurm.conf;

import java.util.List;
import java.util.OptionalInt;

/**
 * One node of a {@code NodeName=} line, after hostlist expansion and {@code NodeName=DEFAULT} values, with the
 * corrections slurmctld 22.05 makes to the CPU layout (reported as warnings).
 *
 * @param name node name
 * @param state the configured State, upper case: UNKNOWN (default), DOWN, IDLE, ALLOCATED, ERROR, MIXED, FUTURE,
 *              CLOUD, DRAIN or FAIL (the last three also when the value only begins with them, as 22.05 reads it)
 * @param cpus CPUs (or Procs); default Sockets * CoresPerSocket * ThreadsPerCore, which is 1 when nothing is set
 * @param sockets Sockets in total (default: Boards * SocketsPerBoard, else CPUs / (cores * threads) when that
 *                divides evenly, else 1)
 * @param coresPerSocket CoresPerSocket (default 1)
 * @param threadsPerCore ThreadsPerCore (default 1)
 * @param realMemory RealMemory in MB (default 1)
 * @param features Features (or Feature), split on commas, in order
 * @param weight Weight (default 1; INFINITE is stored one less, as the daemon does)
 * @param port Port, if set (a list such as {@code 17101-17103} gives one per node); when empty slurmd uses
 *             SlurmdPort (6818 unless set)
 * @param nodeAddr NodeAddr, taken in parallel with the names (default: the NodeHostname)
 * @param nodeHostName NodeHostname, taken in parallel with the names (default: the node name)
 * @param cpuSpecified whether CPUs, Procs, Boards, Sockets, SocketsPerBoard, CoresPerSocket or ThreadsPerCore was
 *                     written on the line or its NodeName=DEFAULT (not only defaulted)
 * @param location the line that defined it
 */
public record NodeDefinition(
        String name,
        String state,
        int cpus,
        int sockets,
        int coresPerSocket,
        int threadsPerCore,
        long realMemory,
        List<String> features,
        long weight,
        OptionalInt port,
        String nodeAddr,
        String nodeHostName,
        boolean cpuSpecified,
        SourceLocation location) {

    public NodeDefinition {
        features = List.copyOf(features);
    }

    /** Whether the node is declared {@code State=CLOUD}. */
    public boolean isCloud() {
        return "CLOUD".equals(state);
    }
}
