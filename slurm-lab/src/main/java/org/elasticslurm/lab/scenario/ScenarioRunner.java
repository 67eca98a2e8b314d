package org.elasticslurm.lab.scenario;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.elasticslurm.lab.process.LabException;
import org.elasticslurm.lab.real.Lab;
import org.elasticslurm.lab.real.LabPlacement;
import org.elasticslurm.lab.real.SlurmCommands;
import org.elasticslurm.lab.trace.Trace;

/**
 * Runs a {@link Scenario} in a fresh {@link Lab} on one side and returns its trace. A step that cannot complete
 * (a wait that times out, a command that hangs) records {@code abort REASON} and ends the steps; the lab is torn
 * down in every case.
 */
public final class ScenarioRunner {

    private final SlurmCommands commands;
    private final LabPlacement placement;
    private final Clock clock;
    private final Optional<Path> artifacts;

    /**
     * @param commands  which executables run
     * @param labParent where lab directories are made (keep it short, e.g. /tmp)
     * @param clock     the wall clock the trace times come from
     * @param artifacts if present, each run's logs and slurm.conf are copied to {@code <artifacts>/<scenario>.<side>/}
     */
    public ScenarioRunner(SlurmCommands commands, Path labParent, Clock clock, Optional<Path> artifacts) {
        this(commands, LabPlacement.under(labParent), clock, artifacts);
    }

    /** As {@link #ScenarioRunner(SlurmCommands, Path, Clock, Optional)}, labs placed by {@code placement}. */
    public ScenarioRunner(SlurmCommands commands, LabPlacement placement, Clock clock, Optional<Path> artifacts) {
        this.commands = commands;
        this.placement = placement;
        this.clock = clock;
        this.artifacts = artifacts;
    }

    public ScenarioRun run(Scenario scenario) {
        try (Lab lab = Lab.start(commands, scenario.confTemplate(), scenario.hooks(), placement, clock)) {
            Optional<String> abort = Optional.empty();
            try {
                for (Step step : scenario.steps()) {
                    abort = execute(lab, step);
                    if (abort.isPresent()) {
                        lab.abort(abort.get());
                        break;
                    }
                }
            } finally {
                artifacts.ifPresent(dir -> lab.copyArtifacts(dir.resolve(scenario.name() + "." + commands.label())));
            }
            Trace trace = lab.finish();
            artifacts.ifPresent(dir -> trace.write(dir.resolve(scenario.name() + "." + commands.label())
                    .resolve("trace")));
            return new ScenarioRun(scenario, commands.label(), trace, abort);
        }
    }

    private static Optional<String> execute(Lab lab, Step step) {
        try {
            return step.perform(lab);
        } catch (LabException e) {
            return Optional.of(step.source() + ": " + e.getMessage());
        }
    }
}
