package org.elasticslurm.provisioner.libvirt;

import java.time.Duration;

/**
 * Whether KVM works on this machine, and why the probe thinks so.
 *
 * @param usable whether guests may use domain type {@code kvm}
 * @param reason what the probe saw, for the log
 * @param took how long the probe ran (zero for a verdict kept from an earlier start)
 */
public record KvmVerdict(boolean usable, String reason, Duration took) {
}
