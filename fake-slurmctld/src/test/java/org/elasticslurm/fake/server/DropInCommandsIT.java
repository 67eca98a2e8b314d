package org.elasticslurm.fake.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The drop-in commands of {@code target/bin} against the fake slurmctld and slurmds, all real processes. The
 * expected texts follow the real 22.05 formats recorded in {@code src/test/resources/.../real-22.05}.
 */
@CpuCost(1) // every drop-in command is a JVM start
@ExtendWith(DropInCommandsAvailable.class)
class DropInCommandsIT {

    private static final Duration BOOT = Duration.ofSeconds(30);

    private FakeCluster cluster;

    @AfterEach
    void tearDown() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private FakeCluster cluster(Map<String, Boolean> nodes, String... extra) {
        cluster = FakeCluster.layOut(nodes, List.of(extra));
        return cluster;
    }

    /** node1 (State=CLOUD) and node2 (an ordinary node), in this order. */
    private static Map<String, Boolean> cloudAndOrdinary() {
        Map<String, Boolean> nodes = new LinkedHashMap<>();
        nodes.put("node1", true);
        nodes.put("node2", false);
        return nodes;
    }

    @Test
    void srunRunsTheCommandOnAnIdleNodeAndReportsItsExitAsSrunDoes() {
        cluster(Map.of("node2", false), "SuspendTime=300").startController();
        cluster.startSlurmd("node2", false);
        cluster.awaitState("node2", "IDLE", BOOT);

        FakeCluster.Output ok = cluster.run(List.of("srun", "-w", "node2", "echo", "hello"));
        FakeCluster.Output failing = cluster.run(List.of("srun", "-w", "node2", "sh", "-c",
                "echo out; echo err >&2; exit 3"));

        assertThat(ok.exit()).isZero();
        assertThat(ok.stdout()).isEqualTo("hello\n");
        assertThat(failing.exit()).isEqualTo(3);
        assertThat(failing.stdout()).isEqualTo("out\n");
        assertThat(failing.stderr().lines()).containsExactlyInAnyOrder(
                "srun: error: node2: task 0: Exited with exit code 3", "err");
    }

    @Test
    void srunWakesAPoweredDownCloudNodeAndRunsOnceItsSlurmdRegistersWithAFreshBootTime() throws Exception {
        cluster(Map.of("node1", true), "SuspendTime=300").startController();
        Process srun = cluster.startPiped(List.of("srun", "-w", "node1", "echo", "ran"));
        cluster.awaitState("node1", "ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP", Duration.ofSeconds(15));
        await("ResumeProgram called with node1").atMost(Duration.ofSeconds(10))
                .until(() -> cluster.hookCalls().contains("resume node1"));

        cluster.startSlurmd("node1", true);

        assertThat(srun.waitFor(30, TimeUnit.SECONDS)).as("srun ended").isTrue();
        assertThat(srun.exitValue()).isZero();
        assertThat(new String(srun.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ran\n");
        cluster.awaitState("node1", "IDLE+CLOUD", Duration.ofSeconds(10));
        assertThat(cluster.controllerLog()).contains("Node node1 now responding");
    }

    @Test
    void srunReportsTheBootFailureWhenTheSlurmdBootTimeIsOldAndResumeTimeoutPasses() throws Exception {
        cluster(Map.of("node1", true), "SuspendTime=300", "ResumeTimeout=5",
                "SlurmctldParameters=power_save_interval=2").startController();
        Process srun = cluster.startPiped(List.of("srun", "-w", "node1", "hostname"));
        cluster.awaitState("node1", "ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP", Duration.ofSeconds(15));

        assertThat(srun.waitFor(40, TimeUnit.SECONDS)).as("srun ended").isTrue();

        assertThat(srun.exitValue()).isEqualTo(1);
        assertThat(new String(srun.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines())
                .containsExactly("srun: error: Node failure on node1",
                        "srun: error: Nodes node1 are still not ready",
                        "srun: error: Something is wrong with the boot of the nodes.");
        await("ResumeFailProgram called with node1").atMost(Duration.ofSeconds(10))
                .until(() -> cluster.hookCalls().contains("resumefail node1"));
        assertThat(cluster.hookCalls()).startsWith("resume node1");
    }

    @Test
    void sbatchSubmitsAScriptWhoseOutputLandsInSlurmJobIdOut() throws IOException {
        cluster(Map.of("node2", false), "SuspendTime=300").startController();
        cluster.startSlurmd("node2", false);
        cluster.awaitState("node2", "IDLE", BOOT);

        FakeCluster.Output submitted = cluster.run(List.of("sbatch", "-w", "node2", "--wrap",
                "echo wrapped on $SLURMD_NODENAME as job $SLURM_JOB_ID"));

        assertThat(submitted.exit()).isZero();
        assertThat(submitted.stdout()).isEqualTo("Submitted batch job 1\n");
        Path out = cluster.directory().resolve("slurm-1.out");
        await("slurm-1.out written").atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(out) && Files.readString(out).contains("job 1"));
        assertThat(Files.readString(out)).isEqualTo("wrapped on node2 as job 1\n");
        await("job 1 left squeue").atMost(Duration.ofSeconds(20))
                .until(() -> cluster.run(List.of("squeue", "-h")).stdout().isEmpty());
    }

    @Test
    void sinfoAndSqueueShowTheClusterInTheRealTableLayouts() {
        cluster(cloudAndOrdinary(), "SuspendTime=300").startController();
        cluster.startSlurmd("node2", false);
        cluster.awaitState("node2", "IDLE", BOOT);

        assertThat(cluster.run(List.of("sinfo")).stdout()).isEqualTo(
                "PARTITION AVAIL  TIMELIMIT  NODES  STATE NODELIST\n"
                        + "debug*       up   infinite      1  idle~ node1\n"
                        + "debug*       up   infinite      1   idle node2\n");
        assertThat(cluster.run(List.of("sinfo", "-N")).stdout()).isEqualTo(
                "NODELIST   NODES PARTITION STATE \n"
                        + "node1          1    debug* idle~ \n"
                        + "node2          1    debug* idle  \n");
        assertThat(cluster.run(List.of("sinfo", "-h", "-o", "%N %T %t %P %a %l %D")).stdout()).isEqualTo(
                "node1 idle~ idle~ debug* up infinite 1\n"
                        + "node2 idle idle debug* up infinite 1\n");
        assertThat(cluster.run(List.of("squeue")).stdout()).isEqualTo(
                "             JOBID PARTITION     NAME     USER ST       TIME  NODES NODELIST(REASON)\n");
    }

    @Test
    void scontrolShowsRegisteredNodesUpdatesThemAndRefusesUnknownOnes() {
        cluster(Map.of("node2", false), "SuspendTime=300").startController();
        cluster.startSlurmd("node2", false);
        cluster.awaitState("node2", "IDLE", BOOT);

        String node = cluster.run(List.of("scontrol", "show", "node", "node2")).stdout();
        FakeCluster.Output drain = cluster.run(List.of("scontrol", "update", "nodename=node2", "state=drain",
                "reason=testing"));
        FakeCluster.Output reasons = cluster.run(List.of("sinfo", "-R", "-h"));
        FakeCluster.Output unknown = cluster.run(List.of("scontrol", "update", "nodename=nodeQ", "state=resume"));

        assertThat(node).startsWith("NodeName=node2 Arch=").contains(" Version=22.05.8\n", "\n   State=IDLE ",
                "\n   Partitions=debug \n");
        assertThat(drain.exit()).isZero();
        assertThat(reasons.stdout()).matches("testing              root      \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d node2\n");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.stderr()).isEqualTo("slurm_update error: Invalid node name specified\n");
    }

    @Test
    void reconfigureRereadsSlurmConfAndShutdownStopsTheDaemon() throws Exception {
        cluster(Map.of("node1", true), "SuspendTime=300").startController();
        String conf = Files.readString(cluster.confFile());
        Files.writeString(cluster.confFile(), conf.replace("SuspendTime=300", "SuspendTime=120"));

        FakeCluster.Output reconfigure = cluster.run(List.of("scontrol", "reconfigure"));
        String config = cluster.run(List.of("scontrol", "show", "config")).stdout();
        FakeCluster.Output shutdown = cluster.run(List.of("scontrol", "shutdown"));

        assertThat(reconfigure.exit()).isZero();
        assertThat(config).contains("\nSuspendTime             = 120 sec\n")
                .endsWith("\nSlurmctld(primary) at testctl is UP\n");
        assertThat(shutdown.exit()).isZero();
        assertThat(cluster.slurmctld().waitFor(30, TimeUnit.SECONDS)).as("slurmctld ended").isTrue();
        assertThat(cluster.slurmctld().exitValue()).isZero();
        FakeCluster.Output ping = cluster.run(List.of("scontrol", "ping"));
        assertThat(ping.exit()).isEqualTo(1);
        assertThat(ping.stdout()).startsWith("Slurmctld(primary) at testctl is DOWN\n");
        assertThat(Files.exists(cluster.directory().resolve("slurmctld.pid"))).as("pid file removed").isFalse();
    }

    @Test
    void slurmdRegistersAgainWhenTheControllerRestarts() {
        cluster(Map.of("node1", true), "SuspendTime=300").startController();
        cluster.startSlurmd("node1", true);
        cluster.awaitState("node1", "IDLE+CLOUD", BOOT);

        cluster.stopController();
        cluster.startController();

        // a restarted controller never contacts a CLOUD node it believes powered down: the slurmd comes by itself
        cluster.awaitState("node1", "IDLE+CLOUD", Duration.ofSeconds(20));
        assertThat(cluster.controllerLog().split("Node node1 now responding", -1)).as("registrations").hasSize(3);
    }

    @Test
    void slurmctldWithoutDashDRunsInTheBackgroundWithItsPidFile() throws Exception {
        cluster(Map.of("node1", true), "SuspendTime=300");

        FakeCluster.Output start = cluster.run(List.of("slurmctld", "-f", cluster.confFile().toString()));

        assertThat(start.exit()).as("slurmctld: %s", start.stderr()).isZero();
        long pid = Long.parseLong(Files.readString(cluster.directory().resolve("slurmctld.pid")).strip());
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        try {
            assertThat(cluster.run(List.of("scontrol", "ping")).stdout())
                    .isEqualTo("Slurmctld(primary) at testctl is UP\n");
        } finally {
            daemon.destroy();
            await("background slurmctld gone").atMost(Duration.ofSeconds(30)).until(() -> !daemon.isAlive());
        }
    }

    @Test
    void aMalformedSlurmConfStopsTheDaemonNamingFileLineAndRule() throws IOException {
        cluster(Map.of("node1", true));
        Files.writeString(cluster.confFile(), Files.readString(cluster.confFile())
                .replace("ReturnToService=2", "ReturnToService=2\nNodeName=bad[3-1] CPUs=1"));

        FakeCluster.Output start = cluster.run(List.of("slurmctld", "-D", "-f", cluster.confFile().toString()));

        assertThat(start.exit()).isEqualTo(1);
        assertThat(start.stderr()).startsWith("slurmctld: error: " + cluster.confFile() + ":13: ")
                .endsWith("slurmctld: fatal: Unable to process configuration file\n");
    }
}
