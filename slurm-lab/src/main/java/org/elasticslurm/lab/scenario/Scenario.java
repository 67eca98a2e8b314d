package org.elasticslurm.lab.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.elasticslurm.lab.real.ConfTemplate;
import org.elasticslurm.lab.real.HookSpec;

/**
 * A differential scenario: a slurm.conf template, the hook programs' layout and steps made of plain Slurm
 * commands. Made from a YAML scenario (the scenarios module's differential suite); run by {@link ScenarioRunner}.
 *
 * @param name               the scenario's name (its golden traces are {@code <name>.<label>.trace})
 * @param description        the leading comment lines
 * @param confTemplate       the slurm.conf template
 * @param nodes              the nodes of the template, in order
 * @param hooks              how each hook program is laid out
 * @param steps              what the scenario does, in order
 * @param powerSaveInterval  the template's {@code power_save_interval} (10 s unless set)
 */
public record Scenario(String name, String description, ConfTemplate confTemplate, List<String> nodes,
                       List<HookSpec> hooks, List<Step> steps, Duration powerSaveInterval) {

    public Scenario {
        nodes = List.copyOf(nodes);
        hooks = List.copyOf(hooks);
        steps = List.copyOf(steps);
    }

    /** Where this scenario's trace for one side lives in a directory of traces: {@code <name>.<label>.trace}. */
    public Path traceIn(Path traceDir, String sideLabel) {
        return traceDir.resolve(name + "." + sideLabel + ".trace");
    }
}
