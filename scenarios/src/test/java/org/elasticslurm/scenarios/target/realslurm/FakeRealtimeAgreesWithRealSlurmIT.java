package org.elasticslurm.scenarios.target.realslurm;

import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elasticslurm.scenarios.target.realslurm.RealSlurmLevelsIT.FAILURES;
import static org.elasticslurm.scenarios.target.realslurm.RealSlurmLevelsIT.LEVELS;
import static org.elasticslurm.scenarios.target.realslurm.RealSlurmLevelsIT.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.elasticslurm.lab.real.RealSlurmAvailable;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.parse.ScenarioParser;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fake-realtime and real-slurm reach the same verdicts: every level and failure file that lists both is run on
 * Debian's daemons and on fake-slurmctld's drop-ins, and each expectation gets the same verdict on both (all of
 * them, level0's brief {@code ALLOCATED+CLOUD} after slurmd -b too: both targets date it from slurmctld's log).
 */
@Execution(ExecutionMode.CONCURRENT)
@CpuCost(1)
@ExtendWith({RealSlurmAvailable.class, FakeRealtimeAvailable.class})
class FakeRealtimeAgreesWithRealSlurmIT {

    private final LeftOvers left = LeftOvers.ofOneTest();

    @AfterEach
    void nothingOfTheRunsIsLeft() throws IOException {
        assertThat(left.labProcesses()).as("processes of the labs still running").isEmpty();
        assertThat(left.scratchDirectories()).as("scratch directories left").isEmpty();
        left.removeParent();
    }

    static Stream<Path> filesForBoth() throws IOException {
        ScenarioParser parser = new ScenarioParser();
        List<Path> files;
        try (Stream<Path> all = Stream.concat(Files.list(LEVELS), Files.list(FAILURES))) {
            files = all.filter(f -> f.toString().endsWith(".yaml")).filter(f -> {
                List<TargetKind> targets = parser.parse(f).targets();
                return targets.contains(TargetKind.FAKE_REALTIME) && targets.contains(TargetKind.REAL_SLURM);
            }).sorted().toList();
        }
        String only = System.getProperty("agreement.scenarios", "");
        return files.stream().filter(f -> only.isBlank()
                || List.of(only.split(",")).contains(f.getFileName().toString().replace(".yaml", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filesForBoth")
    void eachExpectationHasTheSameVerdictOnFakeRealtimeAsOnRealSlurm(Path file) {
        ScenarioResult real = run(left.target(), file);
        ScenarioResult fake = run(left.fakeTarget(), file);

        assertThat(real.error()).isEmpty();
        assertThat(fake.error()).isEmpty();
        assertThat(verdicts(fake)).as("verdicts on fake-realtime (actual) and real-slurm (expected); "
                        + "fake-realtime:%n%s%nreal-slurm:%n%s", details(fake), details(real))
                .containsExactlyElementsOf(verdicts(real));
    }

    private static String details(ScenarioResult result) {
        return String.join("\n", result.verdicts().stream().map(v -> "  " + v.index() + " " + v.verdict() + ": "
                + v.detail()).toList()) + "\n  states: " + result.nodeStates();
    }

    private static List<String> verdicts(ScenarioResult result) {
        return result.verdicts().stream().map(v -> v.index() + " " + v.verdict() + " " + v.description()).toList();
    }
}
