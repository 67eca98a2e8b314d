package org.elasticslurm.scenarios.model;

import java.util.List;
import java.util.Map;

/**
 * The provisioner a scenario runs (Levels 2 and 3). The target chooses the backend: {@code sim} its simulated
 * machines, {@code libvirt-test} libvirt's test driver, {@code qemu} real VMs.
 *
 * @param pools its node pools, in order
 * @param properties further {@code provisioner.*} configuration keys, passed as written
 * @param position where it is declared
 */
public record ProvisionerSetup(List<Pool> pools, Map<String, String> properties, Position position) {
    public ProvisionerSetup {
        pools = List.copyOf(pools);
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
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
     * @param position where it is declared
     */
    public record Pool(String name, String nodes, Mode mode, List<String> postConfig, Position position) {
        public Pool {
            postConfig = List.copyOf(postConfig);
        }
    }
}
