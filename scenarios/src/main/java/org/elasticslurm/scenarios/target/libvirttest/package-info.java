/**
 * The {@code libvirt-test} target: the real provisioner on libvirt's test driver, fake-slurmctld as the controller,
 * a fake slurmd on loopback as each machine's "guest". See the module README.
 */
package org.elasticslurm.scenarios.target.libvirttest;
