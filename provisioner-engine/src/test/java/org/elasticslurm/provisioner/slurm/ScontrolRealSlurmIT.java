package org.elasticslurm.provisioner.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.elasticslurm.lab.real.RealSlurmAvailable;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The scontrol adapter against Debian's real scontrol and slurmctld 22.05. */
@CpuCost(0) // Debian's scontrol and slurmctld mostly sleep
@ExtendWith(RealSlurmAvailable.class)
class ScontrolRealSlurmIT {
    @TempDir
    static Path dir;
    static RealSlurmctld slurmctld;
    static ScontrolController scontrol;

    @BeforeAll
    static void start() throws Exception {
        slurmctld = new RealSlurmctld(dir);
        scontrol = slurmctld.controller();
    }

    @AfterAll
    static void stop() throws Exception {
        if (slurmctld != null) {
            slurmctld.close();
        }
    }

    @Test
    void anUnknownNodeIsReportedWithTheRealDaemonsMessage() {
        assertThatThrownBy(() -> scontrol.updateNodeAddress("nosuch1", "127.0.0.9", "nosuch1"))
                .isInstanceOfSatisfying(SlurmException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(1);
                    assertThat(e.stderr()).isEqualTo("slurm_update error: Invalid node name specified");
                    assertThat(e.isTransient()).isFalse();
                });
    }

    @Test
    void thePoweredDownCloudNodeIsShownWithItsStateFlags() {
        SlurmNodeState node1 = scontrol.nodeStates().get("node1");

        assertThat(node1).isNotNull();
        assertThat(node1.flags()).contains("CLOUD");
        assertThat(node1.poweredDown()).isTrue();
    }

    @Test
    void theAddressReachesTheControllerAndADownReasonIsShownAsSinfoRWould() {
        scontrol.updateNodeAddress("node1", "127.0.0.2", "node1");
        assertThat(scontrol.nodeStates().get("node1").address()).isEqualTo("127.0.0.2");

        scontrol.markDown("node1", "provisioner: no address for node1 within PT5M");

        SlurmNodeState down = scontrol.nodeStates().get("node1");
        assertThat(down.base()).isEqualTo("DOWN");
        assertThat(down.reason()).contains("provisioner: no address for node1 within PT5M");
    }

    @Test
    void aNodeSetDownIsReturnedToServiceWithoutItsReason() {
        scontrol.markDown("node2", "provisioner: injected permanent fault: define node2");
        assertThat(scontrol.nodeStates().get("node2").down()).isTrue();

        scontrol.returnToService("node2");

        SlurmNodeState back = scontrol.nodeStates().get("node2");
        assertThat(back.base()).isEqualTo("IDLE");
        assertThat(back.poweredDown()).as("still powered down: Slurm wakes it when it needs it").isTrue();
        assertThat(back.reason()).isEmpty();
    }

    @Test
    void anUnreachableControllerIsATransientFailure() throws Exception {
        Path elsewhere = dir.resolve("unreachable.conf");
        Files.writeString(elsewhere, Files.readString(slurmctld.conf)
                .replaceAll("SlurmctldPort=\\d+", "SlurmctldPort=1"));
        ScontrolController nowhere = new ScontrolController(Path.of("/usr/bin/scontrol"), elsewhere,
                Duration.ofSeconds(30), new ProcessRunner());

        assertThatThrownBy(nowhere::ping).isInstanceOfSatisfying(SlurmException.class, e -> {
            assertThat(e.isTransient()).isTrue();
            assertThat(e.stderr()).contains("is DOWN");
        });
        assertThatThrownBy(nowhere::nodeStates).isInstanceOfSatisfying(SlurmException.class, e -> {
            assertThat(e.isTransient()).isTrue();
            assertThat(e.stderr()).contains("Unable to contact slurm controller");
        });
    }
}
