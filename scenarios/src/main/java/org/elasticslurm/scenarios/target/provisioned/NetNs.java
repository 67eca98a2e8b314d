package org.elasticslurm.scenarios.target.provisioned;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a lab's processes run: this machine's own network namespace, or a lab namespace created by
 * {@code ci/netlab.sh} (processes are then started through {@code ip netns exec NAME}, which execs the command,
 * so the PID we hold is the command's own).
 *
 * @param name the namespace, or empty for this machine's own
 */
public record NetNs(Optional<String> name) {

    /** This machine's own namespace. */
    public static final NetNs HOST = new NetNs(Optional.empty());

    /** A named lab namespace. */
    public static NetNs of(String name) {
        return new NetNs(Optional.of(name));
    }

    /** The argument vector that runs {@code command} in this namespace. */
    public List<String> wrap(List<String> command) {
        if (name.isEmpty()) {
            return List.copyOf(command);
        }
        List<String> out = new ArrayList<>(List.of("/usr/sbin/ip", "netns", "exec", name.get()));
        out.addAll(command);
        return out;
    }
}
