package org.elasticslurm.scenarios.cli;

import java.util.Optional;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.target.Target;
import org.elasticslurm.scenarios.target.TargetSession;

/** Scripted targets for tests of other packages. */
public final class ElasticLabTestTargets {
    private ElasticLabTestTargets() {
    }

    /** n1 wakes at 1 s and is idle at 3 s, resume hook at 0.5 s; faults are not applicable. */
    public static Target oneNodeLabWithoutFaults() {
        ElasticLabTest.OneNodeLab lab = new ElasticLabTest.OneNodeLab();
        return new Target() {
            @Override
            public TargetKind kind() {
                return lab.kind();
            }

            @Override
            public Optional<String> cannotRun(Step.Action action) {
                return action instanceof Step.InjectFault ? Optional.of("no backend here") : Optional.empty();
            }

            @Override
            public Optional<String> cannotCheck(Expectation expectation) {
                return Optional.empty();
            }

            @Override
            public TargetSession open(LoadedScenario scenario, ProgressListener progress) {
                return lab.open(scenario, progress);
            }
        };
    }
}
