package org.elasticslurm.scenarios.target.realslurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.elasticslurm.lab.ports.FreePorts;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.containers.Container;

/**
 * Real slurmctld and slurmd of each Slurm version in a container ({@link SlurmContainer}): a hook program is run
 * by the real daemon as slurm.conf says, and the daemon's own rule on hook permissions holds.
 */
@CpuCost(0) // the containers' Debian slurmctld and slurmd mostly sleep
@ExtendWith(DockerAvailable.class)
class SlurmContainerIT {

    /** Ports reserved on the machine for the containers' daemons, released once every test of the class is done. */
    private static final FreePorts PORTS = new FreePorts();

    @AfterAll
    static void releaseThePorts() {
        PORTS.close();
    }

    /** What each version writes into SLURM_RESUME_FILE for a job on node1 (the keys that name the nodes). */
    private static final Map<String, String> RESUME_FILE_NODES = Map.of(
            "22.05", "\"all_nodes\":\"node1\"",
            "24.11", "\"all_nodes_resume\":\"node1\"",
            "26.05", "\"all_nodes_resume\":\"node1\"");
    /** What each version logs when ResumeProgram is group-writable. */
    private static final Map<String, String> GROUP_WRITABLE_LOG = Map.of(
            "22.05", "power_save module disabled, invalid ResumeProgram /opt/hooks/resume",
            "24.11", "power_save module disabled, invalid ResumeProgram /opt/hooks/resume",
            "26.05", "power: automatic power save mode disabled");

    @ParameterizedTest(name = "Slurm {0}")
    @ValueSource(strings = {"22.05", "24.11", "26.05"})
    void theRealDaemonRunsTheResumeProgramWithTheNodeAndItsResumeFile(String version) {
        try (SlurmContainer slurm = SlurmContainer.version(version).withSlurmConf(conf(version))
                .withProgram("/opt/hooks/resume", RECORDING_HOOK, 0755)
                .withProgram("/opt/hooks/suspend", "#!/bin/sh\nexit 0\n", 0755)) {
            slurm.start();
            assertThat(slurm.slurmctldVersion()).matches("slurm(-wlm)? " + version.replace(".", "\\.") + "\\.\\d+");

            Container.ExecResult submit = slurm.run("/usr/bin/sbatch", "-w", "node1", "-o", "/dev/null",
                    "--wrap", "hostname");
            assertThat(submit.getExitCode()).as(submit.getStderr()).isZero();

            String recorded = await("resume hook called by slurmctld " + version).atMost(Duration.ofSeconds(60))
                    .until(() -> slurm.file("/tmp/resume.out"), out -> out.contains("args: node1"));
            assertThat(recorded).contains(RESUME_FILE_NODES.get(version));
        }
    }

    @ParameterizedTest(name = "Slurm {0}")
    @ValueSource(strings = {"22.05", "24.11", "26.05"})
    void aGroupWritableResumeProgramTurnsPowerSavingOff(String version) {
        try (SlurmContainer slurm = SlurmContainer.version(version).withSlurmConf(conf(version))
                .withProgram("/opt/hooks/resume", RECORDING_HOOK, 0775)
                .withProgram("/opt/hooks/suspend", "#!/bin/sh\nexit 0\n", 0755)) {
            slurm.start();
            slurm.run("/usr/bin/sbatch", "-w", "node1", "-o", "/dev/null", "--wrap", "hostname");

            await("slurmctld " + version + " refuses the group-writable hook").atMost(Duration.ofSeconds(60))
                    .until(() -> slurm.file("/var/log/slurm/slurmctld.log"),
                            log -> log.contains(GROUP_WRITABLE_LOG.get(version)));
            assertThat(slurm.file("/tmp/resume.out")).isEmpty();
        }
    }

    @Test
    void anUnknownVersionIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> SlurmContainer.version("23.02"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown Slurm version '23.02' (known: 22.05, 24.11, 26.05)");
    }

    /** Records its call whole (written aside, then renamed): a reader never sees the arguments without the file. */
    private static final String RECORDING_HOOK = """
            #!/bin/sh
            { echo "args: $1"; cat "$SLURM_RESUME_FILE"; echo; } >/tmp/resume.part && mv /tmp/resume.part /tmp/resume.out
            """;

    /**
     * One CLOUD node on this machine's loopback (host network), on ports reserved on the machine ({@link FreePorts}):
     * none that another lab, of this JVM or of another module's ITs, was handed.
     */
    private static String conf(String version) {
        int port = PORTS.getAsInt();
        int nodePort = PORTS.getAsInt();
        return """
                ClusterName=container
                SlurmctldHost=localhost(127.0.0.1)
                SlurmUser=root
                SlurmdUser=root
                AuthType=auth/munge
                StateSaveLocation=/var/spool/slurmctld
                SlurmdSpoolDir=/var/spool/slurmd/%n
                SlurmctldPidFile=/run/slurmctld.pid
                SlurmdPidFile=/run/slurmd-%n.pid
                SlurmctldLogFile=/var/log/slurm/slurmctld.log
                SlurmdLogFile=/var/log/slurm/slurmd-%n.log
                SlurmctldPort=PORT
                SlurmctldDebug=debug
                ProctrackType=proctrack/linuxproc
                TaskPlugin=task/none
                SelectType=select/cons_tres
                MpiDefault=none
                ReturnToService=2
                SuspendProgram=/opt/hooks/suspend
                ResumeProgram=/opt/hooks/resume
                PrivateData=cloud
                SuspendTime=300
                ResumeTimeout=60
                NodeName=node1 State=CLOUD CPUs=1 Port=NODEPORT NodeAddr=127.0.0.1
                PartitionName=debug Nodes=node1 Default=YES MaxTime=INFINITE State=UP
                """.replace("NODEPORT", Integer.toString(nodePort)).replace("PORT", Integer.toString(port));
    }
}
