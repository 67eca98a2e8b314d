/**
 * cloud-init NoCloud seeds: meta-data (instance-id, local-hostname), user-data rendered from a checked template
 * with {@code {{ name }}} variables (node, hostname, pool, instance_id, munge_key_base64, slurm_conf,
 * slurm_conf_base64 and the pool's {@code user-data-vars}), network-config version 2 (dhcp or static, matched by
 * MAC), packed into an ISO with volume id {@code cidata} (Joliet and Rock Ridge) by genisoimage run with an
 * argument vector.
 */
package org.elasticslurm.provisioner.cloudinit;
