package org.elasticslurm.provisioner.libvirt;

import java.util.Optional;

/**
 * A network interface of a domain definition.
 *
 * @param type libvirt's interface type ({@code network}, {@code bridge}, {@code ethernet}, ...)
 * @param mac its MAC address, lower case (empty when the definition has none)
 * @param target the host-side device ({@code <target dev=.../>}, the tap of a running domain), when known
 */
public record DomainInterface(String type, String mac, Optional<String> target) {
}
