package org.elasticslurm.fake.controller;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A slurmd's registration message (MESSAGE_NODE_REGISTRATION_STATUS), reduced to what the controller checks.
 *
 * @param nodeName the node slurmd runs as ({@code -N})
 * @param upTimeSeconds seconds since the machine booted, or since slurmd started when it runs with {@code -b};
 *                      the controller derives boot_time = now - upTime from it
 * @param slurmdStartTime when slurmd started
 * @param cpus CPUs slurmd found
 * @param realMemoryMb memory slurmd found, in MB
 * @param hostname the host name slurmd reports
 * @param peerAddress the address the message came from (used with cloud_reg_addrs)
 * @param cpuLoad CPU load (x100)
 * @param freeMemMb free memory in MB
 */
public record SlurmdRegistration(String nodeName, long upTimeSeconds, Instant slurmdStartTime, int cpus,
                                 long realMemoryMb, String hostname, Optional<String> peerAddress, long cpuLoad,
                                 long freeMemMb) {

    public SlurmdRegistration {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(slurmdStartTime, "slurmdStartTime");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(peerAddress, "peerAddress");
        if (upTimeSeconds < 0) {
            throw new IllegalArgumentException("up time must not be negative: " + upTimeSeconds);
        }
    }
}
