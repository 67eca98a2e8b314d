package org.elasticslurm.scenarios.target.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.target.realslurm.SlurmBinaries;
import org.elasticslurm.testsupport.Missing;
import org.elasticslurm.testsupport.Requirement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The drop-ins of a libvirt-test or qemu (--controller fake) lab emulate the run's Slurm version, whatever the
 * machine's default would be (on a machine with Debian's slurmctld on PATH: 22.05; without: 24.11).
 */
@ExtendWith(FakeSlurmIT.DropInsBuilt.class)
class FakeSlurmIT {

    @ParameterizedTest
    @CsvSource({"V22_05, slurm-wlm 22.05.8", "V24_11, slurm-wlm 24.11.5", "V26_05, slurm-wlm 26.05.5"})
    void theLabsSlurmctldPrintsTheRunsVersionNotTheMachinesDefault(SlurmVersion version, String printed,
            @TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("slurm.conf"), "ClusterName=lab\n");
        FakeSlurm fake = FakeSlurm.locate(TargetKind.LIBVIRT_TEST);

        CommandResult r = CommandResult.run(List.of(fake.command("slurmctld").toString(), "-V"),
                fake.environment(conf, version), dir, Duration.ofSeconds(60));

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().strip()).isEqualTo(printed);
    }

    static final class DropInsBuilt implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return Requirement.evaluate("fake-slurmctld's drop-ins are built",
                    SlurmBinaries.fakeDropIns().missing().map(Missing::of));
        }
    }
}
