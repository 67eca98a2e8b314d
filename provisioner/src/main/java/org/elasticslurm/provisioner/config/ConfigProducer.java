package org.elasticslurm.provisioner.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmVersionChoice;
import org.elasticslurm.provisioner.pool.InvalidConfigException;
import org.elasticslurm.provisioner.pool.Pools;
import org.jboss.logging.Logger;

/**
 * Turns configuration into checked, resolved objects. Every product fails with an
 * {@link InvalidConfigException} naming the key, so the service refuses to start with a clear message.
 */
@ApplicationScoped
public class ConfigProducer {
    private static final Logger LOG = Logger.getLogger(ConfigProducer.class);

    /** The validated configuration. */
    @Produces
    @Singleton
    ValidatedConfig validated(ProvisionerConfig config) {
        List<String> problems = new java.util.ArrayList<>(new ConfigValidator().problems(config));
        problems.addAll(TlsFiles.problems(config.tls().certificate(), config.tls().key()));
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new ValidatedConfig(config);
    }

    /**
     * slurm.conf as read at start, with the rules of the site's Slurm version ({@link SiteSlurmVersion}), which
     * the log names.
     */
    @Produces
    @Singleton
    SlurmConf slurmConf(ValidatedConfig config) {
        java.nio.file.Path file = config.get().slurmConf();
        if (!java.nio.file.Files.isReadable(file)) {
            throw new InvalidConfigException(List.of("provisioner.slurm-conf: " + file + " cannot be read"));
        }
        SlurmVersionChoice version = SiteSlurmVersion.of(config.get());
        LOG.infof("slurm.conf %s is read with %s", file, SiteSlurmVersion.describe(version));
        return SiteSlurmVersion.read(file, version);
    }

    /** The pools, resolved against slurm.conf. */
    @Produces
    @Singleton
    Pools pools(ValidatedConfig config, SlurmConf conf) {
        ProvisionerConfig c = config.get();
        return ConfiguredPools.resolve(c, conf);
    }

    /** The bearer token. */
    @Produces
    @Singleton
    BearerToken token(ValidatedConfig config) {
        return BearerToken.read(config.get().tokenFile());
    }

    /** The clock every component reads time from. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
