/**
 * The {@code qemu} target: real TCG VMs made by the real provisioner through {@code qemu:///system}, everything in
 * a lab network namespace of the run's own, Debian's or fake-slurmctld's slurmctld. See the module README.
 */
package org.elasticslurm.scenarios.target.qemu;
