package org.elasticslurm.scenarios.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.scenarios.target.TargetCatalog;

/**
 * What the commands work with, built once by {@link ElasticLab#main}.
 *
 * @param levelsDir where {@code level0.yaml} ... live ({@code -Delastic-lab.levels}, set by the launcher)
 * @param targets the runners wired into this build
 * @param clock the wall clock (report time stamps, wall times)
 * @param confParser reads slurm.conf
 * @param hookRules slurmctld's checks of hook programs
 */
public record LabContext(Path levelsDir, TargetCatalog targets, Clock clock, SlurmConfParser confParser,
                         HookProgramRules hookRules) {

    /** The context of a command-line run. */
    public static LabContext fromEnvironment() {
        return new LabContext(Path.of(System.getProperty("elastic-lab.levels", "scenarios/levels")),
                TargetCatalog.builtIn(), Clock.systemUTC(), new SlurmConfParser(), new HookProgramRules());
    }
}
