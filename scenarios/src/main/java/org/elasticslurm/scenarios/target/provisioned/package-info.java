/**
 * The real provisioner service as a process of a lab (libvirt-test, qemu): {@link
 * org.elasticslurm.scenarios.target.provisioned.ProvisionerApp} finds the packaged service and hooks jar,
 * {@link org.elasticslurm.scenarios.target.provisioned.ProvisionerService} writes its configuration, starts it
 * (optionally in a lab namespace), waits for readiness and reads {@code /v1/nodes} and its operation log,
 * {@link org.elasticslurm.scenarios.target.provisioned.HookClients} installs its hook clients,
 * {@link org.elasticslurm.scenarios.target.provisioned.RunStages} cuts a run into per-stage durations and
 * {@link org.elasticslurm.scenarios.target.provisioned.ProvisionedLabSession} is the session both targets share;
 * {@link org.elasticslurm.scenarios.target.provisioned.ProvisionedTarget} is what both are, answering what they
 * cannot run or check from their {@link org.elasticslurm.scenarios.target.provisioned.ProvisionedLimits}.
 * Nothing here loads the provisioner's classes: HTTP/JSON and files only.
 */
package org.elasticslurm.scenarios.target.provisioned;
