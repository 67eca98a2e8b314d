package org.elasticslurm.conf;

import java.util.List;
import java.util.OptionalInt;

/**
 * One node of a {@code NodeName=} line, after hostlist expansion and {@code NodeName=DEFAULT} values.
 *
 * @param name node name
 * @param state the configured State (upper case: CLOUD, FUTURE, UNKNOWN, IDLE, DOWN, DRAIN, FAIL, ...)
 * @param cpus CPUs (default: Sockets * CoresPerSocket * ThreadsPerCore, or 1)
 * @param sockets Sockets (default 1)
 * @param coresPerSocket CoresPerSocket (default 1)
 * @param threadsPerCore ThreadsPerCore (default 1)
 * @param realMemory RealMemory in MB (default 1)
 * @param features Features (and ActiveFeatures), in order
 * @param weight Weight (default 1)
 * @param port Port, if set
 * @param nodeAddr NodeAddr (default: the node name)
 * @param nodeHostName NodeHostName (default: the node name)
 * @param cpuSpecified whether CPUs or a socket/core/thread layout was written (not only defaulted)
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
