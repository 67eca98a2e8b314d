package org.elasticslurm.provisioner.admin;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmVersionChoice;
import org.elasticslurm.provisioner.config.BackendKind;
import org.elasticslurm.provisioner.config.BearerToken;
import org.elasticslurm.provisioner.config.ConfigValidator;
import org.elasticslurm.provisioner.config.ConfiguredPools;
import org.elasticslurm.provisioner.config.Owner;
import org.elasticslurm.provisioner.config.ProvisionerConfig;
import org.elasticslurm.provisioner.config.SiteConfigSource;
import org.elasticslurm.provisioner.config.SiteSlurmVersion;
import org.elasticslurm.provisioner.config.TlsFiles;
import org.elasticslurm.provisioner.libvirt.LibvirtPreflight;
import org.elasticslurm.provisioner.pool.InvalidConfigException;
import org.elasticslurm.provisioner.pool.Pools;
import org.elasticslurm.provisioner.slurm.ProcessRunner;
import org.elasticslurm.provisioner.slurm.ScontrolController;
import org.elasticslurm.provisioner.slurm.SlurmException;

/**
 * {@code check [--config FILE]}: reads the service's configuration as the service would (the site file, then
 * the environment and {@code -D} properties over it), slurm.conf (with the rules of the site's Slurm version,
 * which it names with where the version came from: {@link SiteSlurmVersion}) and the token file, asks slurmctld
 * ({@code scontrol ping}) and, for the libvirt backend, every hypervisor and everything the pools need
 * ({@link LibvirtPreflight}). Prints one line per problem; run it as the service's user, so that "readable" and
 * "writable" mean what they will mean to the service.
 */
final class CheckCommand {

    int run(Options o, PrintStream out) {
        List<String> problems = new ArrayList<>();
        SiteConfigSource.Location where = o.has("config") ? new SiteConfigSource.Location(Path.of(o.value("config", "")),
                true) : SiteConfigSource.location(System.getProperty(SiteConfigSource.FILE_PROPERTY),
                System.getenv(SiteConfigSource.FILE_ENV));
        Map<String, String> site = Map.of();
        if (where.file() != null && !Files.exists(where.file())) {
            problems.add("site configuration " + where.file() + ": does not exist (the service would run on its"
                    + " defaults; give another file with --config or " + SiteConfigSource.FILE_ENV + ")");
        } else {
            try {
                site = SiteConfigSource.read(where);
            } catch (UncheckedIOException e) {
                problems.add(e.getMessage());
            }
        }
        ProvisionerConfig c;
        try {
            c = config(site, where);
        } catch (ConfigValidationException e) {
            for (int i = 0; i < e.getProblemCount(); i++) {
                problems.add(e.getProblem(i).getMessage().replaceFirst("^[\\w.]+Exception: ", "")
                        .replaceAll("SRCFG\\d+: ", ""));
            }
            return report(problems, where, out);
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            problems.add(String.valueOf(e.getMessage()));
            return report(problems, where, out);
        }
        problems.addAll(new ConfigValidator().problems(c));
        problems.addAll(TlsFiles.problems(c.tls().certificate(), c.tls().key()));
        try {
            BearerToken.read(c.tokenFile());
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        writableDirectory("provisioner.operation-log", c.operationLog().toAbsolutePath().getParent(), problems);
        if (Files.exists(c.operationLog()) && !Files.isWritable(c.operationLog())) {
            problems.add("provisioner.operation-log: " + c.operationLog() + " is not writable by user " + user());
        }
        SlurmConf conf = slurmConf(c, problems, out);
        Pools pools = null;
        if (conf != null) {
            try {
                pools = ConfiguredPools.resolve(c, conf);
                if (c.backend() == BackendKind.LIBVIRT) {
                    Owner.resolve(c.owner(), conf);
                }
            } catch (InvalidConfigException e) {
                problems.addAll(e.problems());
            }
        }
        slurmctld(c, problems);
        if (c.backend() == BackendKind.LIBVIRT && pools != null) {
            problems.addAll(LibvirtPreflight.problems(c, pools));
        }
        return report(problems, where, out);
    }

    private static ProvisionerConfig config(Map<String, String> site, SiteConfigSource.Location where) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile("prod")
                .addDefaultInterceptors()
                .addDiscoveredConverters()
                .withSources(new PropertiesConfigSource(site, "site configuration " + where.file(),
                        SiteConfigSource.ORDINAL))
                .addDefaultSources()
                .withMapping(ProvisionerConfig.class)
                .withValidateUnknown(false)
                .build();
        return config.getConfigMapping(ProvisionerConfig.class);
    }

    private static SlurmConf slurmConf(ProvisionerConfig c, List<String> problems, PrintStream out) {
        Path file = c.slurmConf();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            problems.add("provisioner.slurm-conf: " + file + " cannot be read by user " + user());
            return null;
        }
        try {
            SlurmVersionChoice version = SiteSlurmVersion.of(c);
            out.println("slurm.conf: " + file + " read with " + SiteSlurmVersion.describe(version));
            return SiteSlurmVersion.read(file, version);
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private static void slurmctld(ProvisionerConfig c, List<String> problems) {
        Path scontrol = c.slurm().scontrol();
        if (!Files.isRegularFile(scontrol) || !Files.isExecutable(scontrol)) {
            problems.add("provisioner.slurm.scontrol: " + scontrol + " is not an executable file");
            return;
        }
        if (!Files.isReadable(c.slurmConf())) {
            return;
        }
        try {
            new ScontrolController(scontrol, c.slurmConf(), c.slurm().timeout(), new ProcessRunner()).ping();
        } catch (SlurmException e) {
            problems.add("slurmctld: not reached with " + scontrol + " ping (SLURM_CONF=" + c.slurmConf() + "): "
                    + e.getMessage());
        }
    }

    private static void writableDirectory(String key, Path d, List<String> problems) {
        if (!Files.isDirectory(d)) {
            problems.add(key + ": directory " + d + " does not exist (create it, writable by the service's user)");
        } else if (!Files.isWritable(d)) {
            problems.add(key + ": directory " + d + " is not writable by user " + user());
        }
    }

    private static int report(List<String> problems, SiteConfigSource.Location where, PrintStream out) {
        for (String p : problems) {
            out.println("problem: " + p.replaceAll("\\s*\\R\\s*", " "));
        }
        if (problems.isEmpty()) {
            out.println("check: no problem found (" + (where.file() == null ? "no site file" : where.file())
                    + ", as user " + user() + ")");
            return 0;
        }
        out.println("check: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " (as user "
                + user() + ")");
        return AdminMain.PROBLEM;
    }

    private static String user() {
        return System.getProperty("user.name");
    }
}
