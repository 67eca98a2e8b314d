package org.elasticslurm.scenarios.target.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.conf.SlurmVersionChoice;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.target.TargetUnavailableException;

/**
 * fake-slurmctld's drop-in daemons and commands ({@code fake-slurmctld/target/bin/}: slurmctld, slurmd, scontrol,
 * srun, sbatch ...), as {@code mvn package} of that module leaves them.
 *
 * @param bin the directory holding them
 */
public record FakeSlurm(Path bin) {

    /**
     * Finds them under the repository root.
     *
     * @throws TargetUnavailableException naming the path and the command that builds them
     */
    public static FakeSlurm locate(TargetKind target) {
        Path root = RepositoryRoot.find().orElseThrow(() -> new TargetUnavailableException(target,
                target + " needs fake-slurmctld's drop-in commands, and no repository root was found from "
                        + Path.of("").toAbsolutePath()));
        Path bin = root.resolve("fake-slurmctld/target/bin");
        if (!Files.isExecutable(bin.resolve("slurmctld")) || !Files.isExecutable(bin.resolve("slurmd"))) {
            throw new TargetUnavailableException(target, target + " needs fake-slurmctld's drop-in commands: "
                    + bin.resolve("slurmctld") + " does not exist; build them with `cd " + root
                    + " && mvn -B -o -pl fake-slurmctld package -DskipTests`");
        }
        return new FakeSlurm(bin);
    }

    /** One command. */
    public Path command(String name) {
        return bin.resolve(name);
    }

    /**
     * The environment of the lab's daemons and commands: the drop-ins first on PATH, SLURM_CONF, JAVA_HOME, and
     * {@code ELASTIC_SLURM_VERSION} naming the version they emulate. Without it the drop-ins would emulate their own
     * default (the version of a real {@code slurmctld -V} on PATH, else 24.11): a machine's, not the run's.
     *
     * @param version the Slurm version the drop-ins emulate
     */
    public Map<String, String> environment(Path slurmConf, SlurmVersion version) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(SlurmVersionChoice.ENV, version.label());
        env.put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        env.put("SLURM_CONF", slurmConf.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("LANG", "C.UTF-8");
        return env;
    }
}
