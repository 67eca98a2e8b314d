package org.elasticslurm.scenarios.sim;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.scenarios.junit.ScenarioFiles;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The write-up's four levels and the failure scenarios, each as dynamic tests, on the virtual clock: as 22.05 (the
 * files' default reading), and as 24.11 and 26.05, whose expectations ({@code versions:}) and behaviour apply there.
 */
class SimLevelsTest {

    static final Path LEVELS = Path.of(System.getProperty("scenarios.levels", "levels"));
    static final Path FAILURES = LEVELS.resolveSibling("failures");

    @TestFactory
    Stream<DynamicNode> everyLevelPassesOnSim() {
        return ScenarioFiles.in(LEVELS).runOn(new SimTarget(new SlurmConfParser()));
    }

    @TestFactory
    Stream<DynamicNode> everyFailureScenarioPassesOnSim() {
        return ScenarioFiles.in(FAILURES).runOn(new SimTarget(new SlurmConfParser()));
    }

    @TestFactory
    Stream<DynamicNode> everyLevelAndFailureScenarioPassesOnSimAs2411And2605() {
        return Stream.of(SlurmVersion.V24_11, SlurmVersion.V26_05).map(v -> DynamicContainer.dynamicContainer(
                "Slurm " + v, ScenarioFiles.in(LEVELS, FAILURES).forVersion(v)
                        .runOn(new SimTarget(new SlurmConfParser(v)))));
    }
}
