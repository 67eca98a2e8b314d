package org.elasticslurm.scenarios.sim;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.scenarios.junit.ScenarioFiles;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** The write-up's four levels and the failure scenarios, each as dynamic tests, on the virtual clock. */
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
}
