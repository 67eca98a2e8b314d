package org.elasticslurm.scenarios.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.scenarios.catalog.TargetCatalog;

/**
 * What the commands work with, built once by {@link ElasticLab#main}.
 *
 * @param levelsDir where {@code level0.yaml} ... live ({@code -Delastic-lab.levels}, set by the launcher)
 * @param targets the runners wired into this build
 * @param clock the wall clock (report time stamps, wall times)
 * @param confParser reads slurm.conf (with the rules of the Slurm version chosen, once a command has chosen it)
 * @param hookRules slurmctld's checks of hook programs
 * @param env the environment ({@code ELASTIC_SLURM_VERSION}, and {@code PATH} to find a real slurmctld)
 */
public record LabContext(Path levelsDir, TargetCatalog targets, Clock clock, SlurmConfParser confParser,
                         HookProgramRules hookRules, Map<String, String> env) {

    public LabContext {
        env = Map.copyOf(env);
    }

    /** The context of a command-line run. */
    public static LabContext fromEnvironment() {
        return new LabContext(Path.of(System.getProperty("elastic-lab.levels", "scenarios/levels")),
                TargetCatalog.builtIn(), Clock.systemUTC(), new SlurmConfParser(), new HookProgramRules(),
                System.getenv());
    }

    /** This context with slurm.conf read by the rules of {@code version}. */
    LabContext withVersion(SlurmVersion version) {
        return new LabContext(levelsDir, targets, clock, new SlurmConfParser(version), hookRules, env);
    }
}
