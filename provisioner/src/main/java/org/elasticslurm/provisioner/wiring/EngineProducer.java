package org.elasticslurm.provisioner.wiring;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.MachineBackend;
import org.elasticslurm.provisioner.backend.PostConfigurer;
import org.elasticslurm.provisioner.config.BearerToken;
import org.elasticslurm.provisioner.config.ProvisionerConfig;
import org.elasticslurm.provisioner.config.ValidatedConfig;
import org.elasticslurm.provisioner.operation.EngineSettings;
import org.elasticslurm.provisioner.operation.ExecutorTaskScheduler;
import org.elasticslurm.provisioner.operation.JsonLinesOperationLog;
import org.elasticslurm.provisioner.operation.MemoryOnlyMachines;
import org.elasticslurm.provisioner.operation.OperationEngine;
import org.elasticslurm.provisioner.operation.OperationListener;
import org.elasticslurm.provisioner.operation.OperationListeners;
import org.elasticslurm.provisioner.operation.Ports;
import org.elasticslurm.provisioner.operation.RecoveryListener;
import org.elasticslurm.provisioner.operation.RetryPolicy;
import org.elasticslurm.provisioner.pool.InvalidConfigException;
import org.elasticslurm.provisioner.pool.Pool;
import org.elasticslurm.provisioner.pool.Pools;
import org.elasticslurm.provisioner.slurm.SlurmController;
import org.jboss.logging.Logger;

/**
 * Builds the engine at start (reading back the operation log and reconciling with the backend and Slurm),
 * reconciles with Slurm's view every {@code provisioner.reconcile-interval} (lost resumes started, machines of
 * nodes Slurm powers down released, orphans swept), and stops the workers at shutdown.
 */
@ApplicationScoped
public class EngineProducer {
    private static final Logger LOG = Logger.getLogger(EngineProducer.class);

    private ExecutorTaskScheduler scheduler;
    private JsonLinesOperationLog log;

    /** The engine, recovered. */
    @Produces
    @Singleton
    OperationEngine engine(ValidatedConfig validated, Pools pools, MachineBackend backend, SlurmController slurm,
                           Instance<PostConfigurer> postConfigurers, @Any Instance<OperationListener> listeners,
                           Clock clock) {
        ProvisionerConfig c = validated.get();
        Optional<PostConfigurer> postConfigurer = postConfigurers.isResolvable()
                ? Optional.of(postConfigurers.get()) : Optional.empty();
        List<String> missingRunner = pools.all().values().stream()
                .filter(p -> p.postConfig().command().isPresent() && postConfigurer.isEmpty())
                .map(Pool::name).map(n -> "provisioner.pools." + n + ".post-config.command: no post-config runner is"
                        + " available in this build").toList();
        if (!missingRunner.isEmpty()) {
            throw new InvalidConfigException(missingRunner);
        }
        JsonLinesOperationLog.Replay replay = JsonLinesOperationLog.replay(c.operationLog());
        if (replay.skipped() > 0) {
            LOG.warnf("operation log %s: %d unreadable lines skipped", c.operationLog(), replay.skipped());
        }
        log = new JsonLinesOperationLog(c.operationLog(), clock, JsonLinesOperationLog.DEFAULT_OPENER);
        List<OperationListener> all = new ArrayList<>();
        listeners.forEach(all::add);
        scheduler = new ExecutorTaskScheduler(c.maxParallel());
        EngineSettings settings = new EngineSettings(c.addressTimeout(), c.addressPollInterval(), c.orphanGrace(),
                new RetryPolicy(c.retry().maxAttempts(), c.retry().initialBackoff(), c.retry().maxBackoff(),
                        c.retry().multiplier()), c.slurm().unreachableRetry());
        OperationEngine engine = new OperationEngine(pools, new Ports(backend, slurm, postConfigurer), scheduler,
                log, new OperationListeners(all), clock, settings);
        List<String> decisions = engine.recover(replay.lastByNode(), c.recoveryRetry(), new RecoveryListener() {
            @Override
            public void retrying(String line) {
                LOG.warn("recovery: " + line);
            }

            @Override
            public void recovered(String line) {
                LOG.info("recovery: " + line);
            }

            @Override
            public void gaveUp(String reason) {
                LOG.error("provisioner: " + reason + " (provisioner.recovery-retry=" + c.recoveryRetry()
                        + "); exiting");
                Quarkus.asyncExit(1);
            }
        });
        LOG.infof("provisioner: %s backend, %d pools, %d nodes; recovery: %s", backend.kind(), pools.all().size(),
                pools.poolNodes().size(), decisions.isEmpty() ? "nothing to do" : String.join("; ", decisions));
        if (!backend.keepsMachinesAcrossRestarts()) {
            LOG.warn(MemoryOnlyMachines.forgotten(backend.kind(), replay.lastByNode()));
        }
        return engine;
    }

    void onStart(@Observes StartupEvent event, OperationEngine engine, BearerToken token, ValidatedConfig config) {
        scheduleSweep(engine, config.get());
    }

    private void scheduleSweep(OperationEngine engine, ProvisionerConfig c) {
        scheduler.schedule(c.reconcileInterval(), () -> {
            try {
                engine.sweepOrphans().forEach(line -> LOG.info("reconcile: " + line));
            } finally {
                scheduleSweep(engine, c);
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) throws IOException, InterruptedException {
        if (scheduler != null) {
            scheduler.close();
        }
        if (log != null) {
            log.close();
        }
    }
}
