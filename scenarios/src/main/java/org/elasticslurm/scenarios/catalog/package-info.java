/**
 * Where the targets are assembled: {@link org.elasticslurm.scenarios.catalog.TargetCatalog} knows every target
 * implementation ({@code sim}, {@code fake-realtime}, {@code real-slurm}, {@code libvirt-test}, {@code qemu}) and
 * hands them out by kind. It sits above the {@code target} port and its implementations, which never refer to it.
 */
package org.elasticslurm.scenarios.catalog;
