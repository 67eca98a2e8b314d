package org.elasticslurm.lab.scenario;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.lab.real.LabPlacement;
import org.elasticslurm.lab.real.SlurmCommands;

/**
 * Runs one scenario file and writes its trace:
 * {@code java -cp slurm-lab/target/classes:slurm-conf/target/classes org.elasticslurm.lab.scenario.RunScenario SCENARIO TRACE [BIN_DIR LABEL]}.
 * Without a bin directory it runs Debian's slurmctld 22.05 ({@code /usr/sbin}, {@code /usr/bin}). Exit status 2 if
 * the scenario aborted, 64 on a bad command line. A {@code LABEL} starting with {@code real-} names real daemons
 * (e.g. a debootstrap root's, behind wrappers): their node states are sampled with {@code scontrol show node};
 * any other label is a drop-in side whose slurmctld writes the node-state feed. The lab's logs and slurm.conf are copied to {@code TRACE.artifacts/}.
 * {@code -Ddifferential.labs=DIR} and {@code -Ddifferential.ports=FIRST-LAST} place the lab (see {@link LabPlacement}).
 */
public final class RunScenario {

    private RunScenario() {
    }

    public static void main(String[] args) {
        if (args.length != 2 && args.length != 4) {
            System.err.println("usage: RunScenario SCENARIO_FILE TRACE_OUT [BIN_DIR LABEL]");
            System.exit(64);
        }
        SlurmCommands commands = args.length == 2 ? SlurmCommands.debian()
                : args[3].startsWith("real-") ? new SlurmCommands(args[3], List.of(Path.of(args[2]).toAbsolutePath()))
                : SlurmCommands.inDirectory(args[3], Path.of(args[2]));
        Scenario scenario = new ScenarioParser().parse(Path.of(args[0]));
        ScenarioRun run = new ScenarioRunner(commands, LabPlacement.fromSystemProperties(), Clock.systemUTC(),
                Optional.of(Path.of(args[1] + ".artifacts"))).run(scenario);
        run.trace().write(Path.of(args[1]));
        System.out.print(run.trace().format());
        run.abort().ifPresent(reason -> {
            System.err.println("aborted: " + reason);
            System.exit(2);
        });
    }
}
