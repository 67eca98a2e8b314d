package org.elasticslurm.provisioner.config;

/** A {@link ProvisionerConfig} that passed {@link ConfigValidator}; inject this to be sure it was checked. */
public final class ValidatedConfig {
    private final ProvisionerConfig config;

    ValidatedConfig(ProvisionerConfig config) {
        this.config = config;
    }

    /** The configuration. */
    public ProvisionerConfig get() {
        return config;
    }
}
