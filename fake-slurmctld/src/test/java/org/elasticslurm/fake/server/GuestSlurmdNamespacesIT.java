package org.elasticslurm.fake.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake slurmd on a machine of its own, as in a VM guest: the controller runs in one network namespace at
 * SlurmctldHost=ctl(10.78.S.1), the fake slurmd of the CLOUD node test1 runs in another (from the extracted guest
 * bundle, with a bare environment), the two joined by a veth pair. A job wakes test1, the "provisioner" sets its
 * NodeAddr, its slurmd registers and the job's command runs in the node's namespace.
 */
@CpuCost(1) // drop-in daemons and commands are JVM starts
@ExtendWith({DropInCommandsAvailable.class, NetworkNamespacesAvailable.class})
class GuestSlurmdNamespacesIT {

    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private NamespacePair net;
    private Path conf;
    private Path guest;

    @BeforeEach
    void layOut() throws IOException, InterruptedException {
        Path ip = NetworkNamespacesAvailable.ip().orElseThrow();
        net = NamespacePair.create(ip, Files.createDirectories(dir.resolve("out")));
        for (String sub : List.of("state", "log", "hooks", "spool")) {
            Files.createDirectories(dir.resolve(sub));
        }
        for (String hook : List.of("resume", "suspend")) {
            Path file = dir.resolve("hooks").resolve(hook);
            Files.writeString(file, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        conf = dir.resolve("slurm.conf");
        List<String> lines = new ArrayList<>(List.of(
                "ClusterName=nslab",
                "SlurmctldHost=ctl(" + net.ctlAddress() + ")",
                "SlurmctldPort=6817"));
        lines.addAll(FakeCluster.daemonLines(dir));
        lines.addAll(List.of(
                "PrivateData=cloud",
                "SuspendProgram=" + dir.resolve("hooks/suspend"),
                "ResumeProgram=" + dir.resolve("hooks/resume"),
                "SuspendTime=300",
                "SuspendTimeout=5",
                "ResumeTimeout=60",
                "NodeName=test1 State=CLOUD CPUs=1 Port=6818",
                "PartitionName=debug Nodes=test1 Default=YES MaxTime=INFINITE State=UP", ""));
        Files.writeString(conf, String.join("\n", lines));
        guest = Files.createDirectories(dir.resolve("opt/fake-slurmd"));
        Process untar = new ProcessBuilder(NetworkNamespacesAvailable.tar().orElseThrow().toString(), "-C",
                guest.toString(), "-xzf", NetworkNamespacesAvailable.GUEST_BUNDLE.toString())
                .redirectErrorStream(true).start();
        String untarOutput = new String(untar.getInputStream().readAllBytes());
        assertThat(untar.waitFor()).as("tar -xzf the guest bundle: " + untarOutput).isZero();
    }

    @AfterEach
    void tearDown() {
        if (net != null) {
            net.close();
        }
    }

    /** The drop-in commands of target/bin, as run beside the controller. */
    private Map<String, String> controllerSide() {
        return Map.of("SLURM_CONF", conf.toString(), "PATH", FakeCluster.BIN + ":/usr/sbin:/usr/bin:/sbin:/bin");
    }

    private NamespacePair.Output inCtl(String... command) {
        return net.run(net.ctlNamespace(), List.of(command), controllerSide(), COMMAND_LIMIT);
    }

    private String nodeState() {
        String show = inCtl(FakeCluster.BIN.resolve("scontrol").toString(), "show", "node", "test1").stdout();
        int at = show.indexOf(" State=");
        return at < 0 ? "" : show.substring(at + 7, show.indexOf(' ', at + 7));
    }

    private NamespacePair.Started startController() {
        NamespacePair.Started ctld = net.start(net.ctlNamespace(),
                List.of(FakeCluster.BIN.resolve("slurmctld").toString(), "-D", "-f", conf.toString()),
                controllerSide());
        await("slurmctld answers scontrol ping at " + net.ctlAddress()).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .failFast("slurmctld exited", () -> !ctld.process().isAlive())
                .until(() -> inCtl(FakeCluster.BIN.resolve("scontrol").toString(), "ping").exit() == 0);
        return ctld;
    }

    @Test
    void aJobWakesACloudNodeWhoseGuestSlurmdRunsItsCommandInTheNodesOwnNetwork() {
        startController();
        String ip = NetworkNamespacesAvailable.ip().orElseThrow().toString();
        NamespacePair.Started srun = net.start(net.ctlNamespace(), List.of(FakeCluster.BIN.resolve("srun").toString(),
                "-w", "test1", "sh", "-c", "readlink /proc/self/ns/net; " + ip + " -o -4 addr show"),
                controllerSide());
        await("test1 POWERING_UP").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> nodeState().contains("POWERING_UP"));

        NamespacePair.Output update = inCtl(FakeCluster.BIN.resolve("scontrol").toString(), "update",
                "nodename=test1", "nodeaddr=" + net.nodeAddress());
        NamespacePair.Started slurmd = net.start(net.nodeNamespace(), List.of(guest.resolve("bin/slurmd").toString(),
                "-D", "-N", "test1", "-b", "-f", conf.toString()), Map.of("PATH", "/usr/bin:/bin"));
        NamespacePair.Output job = srun.await(Duration.ofSeconds(90));

        assertThat(update.exit()).as("scontrol update: " + update.stderr()).isZero();
        String nodeNet = net.run(net.nodeNamespace(), List.of("readlink", "/proc/self/ns/net"),
                Map.of("PATH", "/usr/bin:/bin"), COMMAND_LIMIT).stdout().strip();
        String ctlNet = inCtl("readlink", "/proc/self/ns/net").stdout().strip();
        assertThat(job.exit()).as("srun status; stderr: " + job.stderr()).isZero();
        assertThat(job.stdout().lines().findFirst()).as("the job's network namespace").contains(nodeNet);
        assertThat(nodeNet).isNotEqualTo(ctlNet);
        assertThat(job.stdout()).contains("inet " + net.nodeAddress() + "/24")
                .doesNotContain("inet " + net.ctlAddress() + "/");
        await("test1 IDLE+CLOUD").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> nodeState().equals("IDLE+CLOUD"));
        assertThat(inCtl(FakeCluster.BIN.resolve("scontrol").toString(), "show", "node", "test1").stdout())
                .contains("NodeAddr=" + net.nodeAddress() + " ");
        assertThat(slurmd.process().isAlive()).as("the guest's slurmd still runs").isTrue();
    }

    @Test
    void theControllerRefusesToStartWhereSlurmctldHostsAddressIsNotOnAnyInterface() {
        NamespacePair.Output refused = net.run(net.nodeNamespace(),
                List.of(FakeCluster.BIN.resolve("slurmctld").toString(), "-D", "-f", conf.toString()),
                controllerSide(), COMMAND_LIMIT);

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.stderr()).contains("slurmctld: error: " + conf + ": SlurmctldHost ctl is at "
                        + net.ctlAddress() + ", which is neither a loopback address nor an address of this machine's "
                        + "interfaces")
                .contains("slurmctld: fatal: Unable to process configuration file");
    }
}
