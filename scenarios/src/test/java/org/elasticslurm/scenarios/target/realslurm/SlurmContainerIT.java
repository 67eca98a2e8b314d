package org.elasticslurm.scenarios.target.realslurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The real-slurm target inside a Debian bookworm container ({@link SlurmContainer}), for CI systems with Docker.
 * Without a Docker engine these tests are skipped by Testcontainers; RealSlurmLevelsIT runs the same scenarios
 * with the local processes.
 */
@Testcontainers(disabledWithoutDocker = true)
class SlurmContainerIT {

    private static final Path MODULE = Path.of(System.getProperty("scenarios.levels", "levels")).toAbsolutePath()
            .getParent();

    @org.testcontainers.junit.jupiter.Container
    static final SlurmContainer SLURM = new SlurmContainer(MODULE.getParent(), MODULE.resolve("target"),
            MODULE.resolve("levels"));

    @Test
    void level0PassesOnRealSlurmInsideTheContainer() throws Exception {
        Container.ExecResult r = SLURM.replay("level0");

        assertThat(r.getExitCode()).as(r.getStdout() + r.getStderr()).isZero();
        assertThat(r.getStdout()).contains("level0 on real-slurm: PASSED").contains("hooks: ")
                .contains("resume node1").contains("suspend node1");
    }

    @Test
    void level1LeavesDefunctHelpersAndTheFixedHookDoesNotInsideTheContainer() throws Exception {
        Container.ExecResult trap = SLURM.replay("level1");
        Container.ExecResult fixed = SLURM.replay(SlurmContainer.inContainer("levels/level1-fixed.yaml"));

        assertThat(trap.getExitCode()).as(trap.getStdout() + trap.getStderr()).isZero();
        assertThat(trap.getStdout()).contains("level1 on real-slurm: PASSED").contains("slurmd <defunct>");
        assertThat(fixed.getExitCode()).as(fixed.getStdout() + fixed.getStderr()).isZero();
        assertThat(fixed.getStdout()).contains("level1-fixed on real-slurm: PASSED").contains("no defunct process");
    }

    @Test
    void groupWritableResumeProgramDisablesPowerSavingInsideTheContainer() throws Exception {
        Container.ExecResult r = SLURM.replay(SlurmContainer.inContainer("failures/group-writable-hook.yaml"));

        assertThat(r.getExitCode()).as(r.getStdout() + r.getStderr()).isZero();
        assertThat(r.getStdout()).contains("power_save module disabled, invalid ResumeProgram");
    }
}
