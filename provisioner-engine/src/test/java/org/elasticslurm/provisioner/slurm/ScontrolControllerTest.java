package org.elasticslurm.provisioner.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.elasticslurm.provisioner.testing.ScontrolStandIn;
import org.elasticslurm.provisioner.testing.TestConf;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScontrolControllerTest {
    /** Two lines printed by Debian's scontrol 22.05.8 ({@code scontrol -o show node}) against a real slurmctld. */
    static final String REAL_22_05_OUTPUT = """
            NodeName=node1 CoresPerSocket=1  CPUAlloc=0 CPUEfctv=1 CPUTot=1 CPULoad=N/A AvailableFeatures=(null) ActiveFeatures=(null) Gres=(null) NodeAddr=127.0.0.1 NodeHostName=node1 Port=17101  RealMemory=1 AllocMem=0 FreeMem=N/A Sockets=1 Boards=1 State=IDLE+CLOUD+POWERED_DOWN ThreadsPerCore=1 TmpDisk=0 Weight=1 Owner=N/A MCS_label=N/A Partitions=debug  BootTime=None SlurmdStartTime=None LastBusyTime=Unknown CfgTRES=cpu=1,mem=1M,billing=1 AllocTRES= CapWatts=n/a CurrentWatts=0 AveWatts=0 ExtSensorsJoules=n/s ExtSensorsWatts=0 ExtSensorsTemp=n/s
            NodeName=node2 CoresPerSocket=1  CPUAlloc=0 CPUEfctv=1 CPUTot=1 CPULoad=N/A AvailableFeatures=(null) ActiveFeatures=(null) Gres=(null) NodeAddr=10.0.0.5 NodeHostName=node2 Port=17101  RealMemory=1 AllocMem=0 FreeMem=N/A Sockets=1 Boards=1 State=DOWN+CLOUD+POWERED_DOWN ThreadsPerCore=1 TmpDisk=0 Weight=1 Owner=N/A MCS_label=N/A Partitions=debug  BootTime=None SlurmdStartTime=None LastBusyTime=Unknown CfgTRES=cpu=1,mem=1M,billing=1 AllocTRES= CapWatts=n/a CurrentWatts=0 AveWatts=0 ExtSensorsJoules=n/s ExtSensorsWatts=0 ExtSensorsTemp=n/s Reason=provisioner: boom x=y [root@2026-11-28T15:50:11]
            """;

    @TempDir
    Path dir;
    private ScontrolStandIn standIn;
    private ScontrolController scontrol;

    @BeforeEach
    void install() {
        standIn = new ScontrolStandIn(dir, TestConf.CLOUD8, List.of("test1", "test2"));
        scontrol = new ScontrolController(standIn.scontrol, standIn.slurmConf, Duration.ofSeconds(10), new ProcessRunner());
    }

    @Test
    void updateNodeAddressRunsScontrolWithOneArgumentPerKeyword() throws Exception {
        scontrol.updateNodeAddress("test1", "10.0.0.7", "test1");

        assertThat(standIn.calls()).containsExactly(
                List.of("update", "nodename=test1", "nodeaddr=10.0.0.7", "nodehostname=test1"));
    }

    @Test
    void aReasonWithSpacesAndShellCharactersStaysOneArgumentOnOneLine() throws Exception {
        scontrol.markDown("test2", "post-config failed: $(reboot); `id` && rm -rf /\nsecond line");

        assertThat(standIn.calls()).containsExactly(List.of("update", "nodename=test2", "state=DOWN",
                "reason=post-config failed: $(reboot); `id` && rm -rf / second line"));
    }

    @Test
    void anUnknownNodeIsReportedWithExitCodeAndSlurmsMessageAndIsNotRetried() {
        assertThatThrownBy(() -> scontrol.updateNodeAddress("nosuch", "10.0.0.1", "nosuch"))
                .isInstanceOfSatisfying(SlurmException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(1);
                    assertThat(e.stderr()).isEqualTo("slurm_update error: Invalid node name specified");
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).startsWith(standIn.scontrol + " update nodename=nosuch")
                            .endsWith(": exit 1: slurm_update error: Invalid node name specified");
                });
    }

    @Test
    void anUnreachableControllerIsATransientFailure() throws Exception {
        standIn.down(true);

        assertThatThrownBy(() -> scontrol.updateNodeAddress("test1", "10.0.0.1", "test1"))
                .isInstanceOfSatisfying(SlurmException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThatThrownBy(() -> scontrol.ping())
                .isInstanceOfSatisfying(SlurmException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.stderr()).isEqualTo("Slurmctld(primary) at localhost is DOWN");
                });
    }

    @Test
    void aControllerThatWentAwayUnderTheCallIsATransientFailure() {
        // slurmctld stopped while scontrol talked to it (seen in a chaos run: the resume failed as permanent)
        assertThat(ScontrolController.isTransient("slurm_update error: Transport endpoint is not connected"))
                .isTrue();
        assertThat(ScontrolController.isTransient("slurm_update error: Zero Bytes were transmitted or received"))
                .isTrue();
        assertThat(ScontrolController.isTransient("slurm_update error: Connection reset by peer")).isTrue();
        // slurmctld stopping while the update is sent (CI, the chaos run's real slurmctld stopped during a burst)
        assertThat(ScontrolController.isTransient("scontrol: error: slurm_msg_sendto: address:port=127.0.0.1:52235 "
                + "msg_type=3002: Unexpected missing socket error; slurm_update error: Unexpected missing socket error"))
                .isTrue();
        assertThat(ScontrolController.isTransient("slurm_update error: Invalid node name specified")).isFalse();
    }

    @Test
    void nodeStatesAreParsedFromTheRealOneLineFormat() throws Exception {
        standIn.show(REAL_22_05_OUTPUT);

        Map<String, SlurmNodeState> states = scontrol.nodeStates();

        assertThat(states).containsOnlyKeys("node1", "node2");
        SlurmNodeState node1 = states.get("node1");
        assertThat(node1.base()).isEqualTo("IDLE");
        assertThat(node1.flags()).containsExactlyInAnyOrder("CLOUD", "POWERED_DOWN");
        assertThat(node1.poweredDown()).isTrue();
        assertThat(node1.reason()).isEmpty();
        SlurmNodeState node2 = states.get("node2");
        assertThat(node2.base()).isEqualTo("DOWN");
        assertThat(node2.address()).isEqualTo("10.0.0.5");
        assertThat(node2.reason()).contains("provisioner: boom x=y");
    }

    @Test
    void scontrolThatDoesNotAnswerIsKilledAfterTheTimeout() throws Exception {
        Files.writeString(standIn.sibling(".hang"), "");
        ScontrolController quick = new ScontrolController(standIn.scontrol, standIn.slurmConf, Duration.ofMillis(300),
                new ProcessRunner());

        assertThatThrownBy(quick::ping).isInstanceOfSatisfying(SlurmException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(-1);
            assertThat(e.isTransient()).isTrue();
            assertThat(e.stderr()).contains("did not finish within PT0.3S and was killed");
        });
        assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("sleep")))
                .as("no sleep child left").isEmpty();
    }

    @Test
    void aMissingScontrolIsReportedAsSuch() {
        ScontrolController missing = new ScontrolController(dir.resolve("nope/scontrol"), standIn.slurmConf,
                Duration.ofSeconds(1), new ProcessRunner());

        assertThatThrownBy(missing::ping).isInstanceOfSatisfying(SlurmException.class, e -> {
            assertThat(e.stderr()).startsWith("cannot run " + dir.resolve("nope/scontrol"));
            assertThat(e.isTransient()).isFalse();
        });
    }
}
