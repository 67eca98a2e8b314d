package org.elasticslurm.scenarios.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed, valid scenario: immutable.
 *
 * @param file the file it was read from
 * @param name its name (unique in a report)
 * @param description what it shows, for reports
 * @param slurmConf the slurm.conf it runs under
 * @param hooks the hook programs it installs, by role
 * @param targets the targets it is written for, the first being the default
 * @param provisioner the provisioner it runs, if any
 * @param sim how the {@code sim} target models boots
 * @param steps what it does, in order
 * @param expectations what the run must show, in order
 * @param timeout upper bound of a run's scenario time; empty = derived from the steps and windows
 */
public record Scenario(
        Path file,
        String name,
        String description,
        SlurmConfSource slurmConf,
        Map<HookRole, HookSpec> hooks,
        List<TargetKind> targets,
        Optional<ProvisionerSetup> provisioner,
        SimSettings sim,
        List<Step> steps,
        List<Expectation> expectations,
        Optional<Duration> timeout) {

    public Scenario {
        hooks = hooks.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(hooks));
        targets = List.copyOf(targets);
        steps = List.copyOf(steps);
        expectations = List.copyOf(expectations);
    }

    /** The target used when none is asked for. */
    public TargetKind defaultTarget() {
        return targets.get(0);
    }

    /**
     * The scenario as a run of {@code version} performs it: without the steps written for other versions
     * ({@code versions:}).
     */
    public Scenario forVersion(org.elasticslurm.conf.SlurmVersion version) {
        return new Scenario(file, name, description, slurmConf, hooks, targets, provisioner, sim,
                steps.stream().filter(s -> s.header().runsOn(version)).toList(), expectations, timeout);
    }

    /** The submit steps, in order. */
    public List<Step.Submit> jobs() {
        return steps.stream().filter(Step.Submit.class::isInstance).map(Step.Submit.class::cast).toList();
    }
}
