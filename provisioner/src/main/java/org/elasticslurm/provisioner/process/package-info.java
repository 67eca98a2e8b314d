/**
 * Supervised child processes: argument vectors only (no shell), a process group of their own,
 * stdin from /dev/null, captured output, a hard time limit enforced on the whole group (SIGTERM, then SIGKILL),
 * always reaped. Used for post-configuration commands, genisoimage and the KVM probe.
 */
package org.elasticslurm.provisioner.process;
