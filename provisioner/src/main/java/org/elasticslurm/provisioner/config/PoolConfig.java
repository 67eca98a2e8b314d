package org.elasticslurm.provisioner.config;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.provisioner.pool.PoolMode;

/**
 * One node pool, {@code provisioner.pools.<name>.*}. A node belongs to at most one pool; every pool node must
 * be a {@code State=CLOUD} node of slurm.conf.
 */
public interface PoolConfig {

    /** The pool's nodes as a Slurm hostlist expression ({@code test[1-8]}); empty = every CLOUD node. */
    Optional<String> nodes();

    /** {@code existing} (start and shut down pre-defined machines) or {@code create} (create and destroy them). */
    @WithDefault("create")
    PoolMode mode();

    /** Optional post-configuration run once the machine has its address, before Slurm is told about it. */
    PostConfig postConfig();

    /** How the libvirt backend builds and finds this pool's machines (flat keys of the pool). */
    @WithParentName
    LibvirtPoolConfig machine();

    /**
     * Post-configuration command, e.g. an {@code ansible-playbook} run; started as a supervised child process
     * with an argument vector (no shell), always reaped; its output goes to the operation log.
     */
    interface PostConfig {
        /**
         * Argument vector; the first element is an absolute path. The placeholders {@code {node}},
         * {@code {address}}, {@code {pool}} and {@code {operation}} are replaced in every element. Empty = none.
         */
        Optional<List<String>> command();

        /** How long the command may run; it is killed (with its process group) after that and the node fails. */
        @WithDefault("10m")
        Duration timeout();
    }
}
