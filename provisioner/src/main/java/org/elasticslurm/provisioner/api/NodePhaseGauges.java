package org.elasticslurm.provisioner.api;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.elasticslurm.provisioner.operation.OperationEngine;
import org.elasticslurm.provisioner.operation.Phase;

/** {@code provisioner_nodes{phase}}: how many pool nodes are in each phase. */
@ApplicationScoped
public class NodePhaseGauges {

    void register(@Observes StartupEvent event, MeterRegistry registry, OperationEngine engine) {
        for (Phase phase : Phase.values()) {
            Gauge.builder("provisioner.nodes", engine, e -> e.nodes().stream().filter(n -> n.phase() == phase).count())
                    .description("Pool nodes by phase").tag("phase", phase.name()).register(registry);
        }
    }
}
