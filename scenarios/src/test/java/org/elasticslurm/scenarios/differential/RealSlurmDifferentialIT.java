package org.elasticslurm.scenarios.differential;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.lab.real.RealSlurmAvailable;
import org.elasticslurm.scenarios.target.realslurm.SlurmBinaries;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential suite on the real daemons: each scenario of {@link DifferentialFiles} compared with the golden
 * trace of its version; this keeps the harness and the golden files honest. 22.05 (Debian's) unless
 * {@code -Ddifferential.versions=24.11,26.05} asks for the debootstrap roots' daemons (as root).
 * {@code -Ddifferential.record=true} rewrites the golden traces from these runs; see {@link DifferentialRuns}.
 */
@CpuCost(0) // the real daemons sleep on the scan grid
@ExtendWith(RealSlurmAvailable.class)
@Execution(ExecutionMode.CONCURRENT)
class RealSlurmDifferentialIT {

    static Stream<Arguments> runs() {
        return DifferentialRuns.runs(List.of("22.05"), (name, version) -> true);
    }

    @ParameterizedTest(name = "{0} on real {1}")
    @MethodSource("runs")
    void scenarioOnTheRealDaemonsMatchesTheirGoldenTrace(String name, String version) {
        SlurmBinaries real = SlurmBinaries.realSlurm(SlurmVersion.find(version).orElseThrow(), Path.of("/tmp"),
                System.getenv());
        DifferentialRuns.assertMatchesGoldenTrace(name, version, real.commands(), DifferentialRuns.RECORD);
    }
}
