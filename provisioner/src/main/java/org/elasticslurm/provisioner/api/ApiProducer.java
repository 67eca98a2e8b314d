package org.elasticslurm.provisioner.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.elasticslurm.provisioner.config.ValidatedConfig;
import org.elasticslurm.provisioner.operation.NodeSelector;
import org.elasticslurm.provisioner.pool.Pools;

/** Makes the request validation objects. */
@ApplicationScoped
public class ApiProducer {

    /** Checks request hostlists against the pools. */
    @Produces
    @Singleton
    NodeSelector selector(Pools pools, ValidatedConfig config) {
        return new NodeSelector(pools, config.get().maxNodesPerRequest());
    }
}
