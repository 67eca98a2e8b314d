package org.elasticslurm.scenarios.model;

import java.util.List;
import java.util.Map;

/**
 * The provisioner a scenario runs (Levels 2 and 3). The target chooses the backend: {@code sim} its simulated
 * machines, {@code libvirt-test} libvirt's test driver, {@code qemu} real VMs.
 *
 * @param pools its node pools, in order
 * @param properties further {@code provisioner.*} configuration keys, passed as written
 * @param hosts how many hypervisor hosts the target gives the provisioner (1, or 2 on qemu)
 * @param position where it is declared
 */
public record ProvisionerSetup(List<Pool> pools, Map<String, String> properties, int hosts, Position position) {
    /** The most hypervisor hosts a scenario can ask for. */
    public static final int MAX_HOSTS = 2;

    public ProvisionerSetup {
        pools = List.copyOf(pools);
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
        if (hosts < 1 || hosts > MAX_HOSTS) {
            throw new IllegalArgumentException("hosts must be 1.." + MAX_HOSTS + ", got " + hosts);
        }
    }

    /** One hypervisor host. */
    public ProvisionerSetup(List<Pool> pools, Map<String, String> properties, Position position) {
        this(pools, properties, 1, position);
    }

    /** How a pool gets machines for its nodes. */
    public enum Mode implements Keyword {
        /** Level 2: a domain per node exists; resume starts it, suspend shuts it down. */
        EXISTING("existing"),
        /** Level 3: resume creates the VM from a cloud image with a cloud-init seed; suspend destroys it. */
        CREATE("create");

        private final String keyword;

        Mode(String keyword) {
            this.keyword = keyword;
        }

        @Override
        public String keyword() {
            return keyword;
        }

        @Override
        public String toString() {
            return keyword;
        }
    }

    /**
     * One pool.
     *
     * @param name pool name
     * @param nodes its nodes, a hostlist of CLOUD nodes
     * @param mode existing or create
     * @param postConfig post-configuration argument vector run once the machine has its address; empty = none
     * @param host the host (1-based) its machines are pinned to; empty = placed on any host by free memory
     * @param position where it is declared
     */
    public record Pool(String name, String nodes, Mode mode, List<String> postConfig,
                       java.util.OptionalInt host, Position position) {
        public Pool {
            postConfig = List.copyOf(postConfig);
        }

        /** A pool placed on any host. */
        public Pool(String name, String nodes, Mode mode, List<String> postConfig, Position position) {
            this(name, nodes, mode, postConfig, java.util.OptionalInt.empty(), position);
        }
    }
}
