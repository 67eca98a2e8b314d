package org.elasticslurm.fake.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.elasticslurm.lab.real.HookSpec;
import org.elasticslurm.lab.real.Lab;
import org.elasticslurm.lab.real.RealSlurmAvailable;
import org.elasticslurm.lab.real.SlurmCommands;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@CpuCost(0) // Debian's daemons
@ExtendWith(RealSlurmAvailable.class)
class LabTeardownIT {

    @Test
    void closingTheLabEndsDaemonsJobsAndReparentedJobStepsAndDeletesItsDirectory() {
        List<HookSpec> hooks = List.of(HookSpec.valid("resume"), HookSpec.valid("suspend"),
                HookSpec.valid("resumefail"));
        List<Long> pids;
        Path dir;
        try (Lab lab = Lab.start(SlurmCommands.debian(), DifferentialFiles.template("admin-power-down-force"), hooks,
                Path.of("/tmp"), Clock.systemUTC())) {
            dir = lab.directory();
            lab.startSlurmd("node1", List.of("-b"));
            await("node1 IDLE+CLOUD").atMost(Duration.ofSeconds(20))
                    .until(() -> lab.state("node1").orElse("").equals("IDLE+CLOUD"));
            lab.background("job1", "srun -w node1 sleep 300");
            await("slurmstepd and the job's sleep running").atMost(Duration.ofSeconds(20))
                    .until(() -> commandLines(lab.markedProcesses()).stream().anyMatch(c -> c.startsWith("slurmstepd"))
                            && commandLines(lab.markedProcesses()).stream().anyMatch(c -> c.endsWith("sleep 300")));
            pids = lab.markedProcesses();
            assertThat(commandLines(pids)).anyMatch(c -> c.contains("slurmctld"))
                    .anyMatch(c -> c.contains("slurmd -D -N node1"))
                    .anyMatch(c -> c.startsWith("srun"));
        }

        await("every process of the lab ended").atMost(Duration.ofSeconds(10))
                .until(() -> pids.stream().noneMatch(LabTeardownIT::running));
        assertThat(dir).doesNotExist();
    }

    /** Alive and not a zombie (a re-parented process may wait for a PID 1 that does not reap). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> commandLines(List<Long> pids) {
        return pids.stream().map(pid -> {
            try {
                return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
                        .replace('\0', ' ').strip();
            } catch (IOException e) {
                return "";
            }
        }).toList();
    }
}
