package org.elasticslurm.provisioner.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.elasticslurm.provisioner.operation.OperationEvent;
import org.elasticslurm.provisioner.operation.OperationListener;
import org.elasticslurm.provisioner.operation.OperationStatus;

/**
 * Prometheus metrics of the operations: {@code provisioner_operations_total{kind,status}} for every operation
 * that ended and {@code provisioner_operation_seconds{kind}} from start to end.
 */
@ApplicationScoped
public class OperationMetrics implements OperationListener {
    private final MeterRegistry registry;
    private final Map<String, java.time.Instant> started = new ConcurrentHashMap<>();

    OperationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onEvent(OperationEvent e) {
        if (e.status() == OperationStatus.RUNNING) {
            started.putIfAbsent(e.operation(), e.time());
            return;
        }
        if (!e.status().terminal()) {
            return;
        }
        Counter.builder("provisioner.operations").description("Operations that ended, by kind and status")
                .tag("kind", e.kind().name()).tag("status", e.status().name()).register(registry).increment();
        java.time.Instant start = started.remove(e.operation());
        if (start != null) {
            Timer.builder("provisioner.operation").description("Time from start to end of an operation")
                    .tag("kind", e.kind().name()).register(registry).record(Duration.between(start, e.time()));
        }
    }
}
