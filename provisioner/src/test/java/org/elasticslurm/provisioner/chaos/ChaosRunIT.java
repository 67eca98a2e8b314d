package org.elasticslurm.provisioner.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.lab.real.RealSlurmAvailable;
import org.elasticslurm.provisioner.libvirt.RequiresLibvirtDaemon;
import org.elasticslurm.provisioner.testing.TestPorts;
import org.elasticslurm.testsupport.Missing;
import org.elasticslurm.testsupport.Requirement;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;

/**
 * A small seeded chaos run (bin/chaos) against the packaged service: 20 nodes, one SIGKILL of the service during
 * the burst, 20 % of the libvirt calls failing on purpose. Nothing may be leaked, doubled, lost, answered with 5xx
 * or left stuck; a controller outage shorter than {@code provisioner.slurm.unreachable-retry} fails no resume, nor
 * does a libvirtd killed and restarted during the burst, nor Debian's slurmctld stopped (by PID) and started
 * again on its state (Slurm's own view then shows every node powered down).
 * Needs root and libvirtd installed (the run starts a private libvirtd of its own); skipped
 * elsewhere, but fails when {@code CI=true}.
 */
// the service, its hook programs (JVMs), a private libvirtd and slurmctld, mostly waiting on the burst's outages
// and settles: 0.2-0.6 of a core on average per run (README, "Chaos runs"), so one slot
@CpuCost(1)
@ExtendWith(ChaosRunIT.NeedsPrivateLibvirtd.class)
class ChaosRunIT {
    /** The run's directory; kept when a test fails (its logs and operation log say why). */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    /**
     * SlurmctldPort of the real slurmctld's run (+1: its SlurmdPort, never bound: the run has no slurmd): a port
     * reserved on the machine; {@code -Dchaos.slurmctld-port=P} fixes it.
     */
    private static final int SLURMCTLD_PORT = Integer.getInteger("chaos.slurmctld-port", TestPorts.next());

    @Test
    void aSeededBurstWithAServiceKillAndLibvirtFaultsLeaksDoublesAndLosesNothing() throws Exception {
        ChaosResult result = new ChaosRun(new ChaosOptions(20, 1, 0.2, 7, Duration.ofSeconds(150),
                Optional.of(dir), Duration.ZERO, 0, Duration.ZERO, 21310, Duration.ZERO, ChaosOptions.Host.TEST)).run();

        assertThat(result.line()).as("the chaos line").endsWith("leaked=0 duplicates=0 lost=0 http5xx=0 stuck=0");
        assertThat(result.nodes()).isEqualTo(20);
        assertThat(result.kills()).isEqualTo(1);
        assertThat(result.faults()).as("faults were injected").isPositive();
        assertThat(result.clean()).isTrue();
    }

    @Test
    void aControllerUnreachableFor15SecondsDuringABurstFailsNoResume() throws Exception {
        ChaosResult result = new ChaosRun(new ChaosOptions(20, 0, 0.0, 11, Duration.ofSeconds(150),
                Optional.of(dir), Duration.ofSeconds(15), 0, Duration.ZERO, 21310, Duration.ZERO, ChaosOptions.Host.TEST)).run();

        assertThat(result.line()).as("the chaos line").endsWith("leaked=0 duplicates=0 lost=0 http5xx=0 stuck=0");
        assertThat(result.clean()).isTrue();
        assertThat(Files.readString(dir.resolve("service/operations.jsonl")))
                .as("no resume failed: without injected faults only the outage could fail one")
                .doesNotContain("\"status\":\"FAILED\"")
                .contains("Unable to contact slurm controller");
    }

    @Test
    void aLibvirtdKilledAndRestartedDuringABurstLeavesNothingLeakedDoubledOrLost() throws Exception {
        ChaosResult result = new ChaosRun(new ChaosOptions(30, 0, 0.0, 5, Duration.ofSeconds(150),
                Optional.of(dir), Duration.ZERO, 1, Duration.ZERO, 21310, Duration.ZERO, ChaosOptions.Host.TEST)).run();

        assertThat(result.line()).as("the chaos line").endsWith("leaked=0 duplicates=0 lost=0 http5xx=0 stuck=0");
        assertThat(result.faults()).as("the one libvirtd restart, no injected fault").isEqualTo(1);
        assertThat(result.clean()).isTrue();
        assertThat(Files.readString(dir.resolve("service/operations.jsonl")))
                .as("no resume failed: the outage (1-3 s) is shorter than the retries, the connection is reopened")
                .doesNotContain("\"status\":\"FAILED\"");
    }

    @Test
    @ExtendWith(RealSlurmAvailable.class)
    void theRealSlurmctldStoppedAndStartedAgainDuringABurstFailsNoResumeAndEveryNodeEndsPoweredDownInSlurm()
            throws Exception {
        ChaosResult result = new ChaosRun(new ChaosOptions(16, 0, 0.0, 3, Duration.ofSeconds(170),
                Optional.of(dir), Duration.ZERO, 0, Duration.ofSeconds(15), SLURMCTLD_PORT, Duration.ZERO, ChaosOptions.Host.TEST)).run();

        assertThat(result.line()).as("the chaos line (run directory %s)", dir)
                .endsWith("leaked=0 duplicates=0 lost=0 http5xx=0 stuck=0");
        assertThat(result.clean()).isTrue();
        assertThat(Files.readString(dir.resolve("slurmctld/log/slurmctld.log")))
                .as("slurmctld was started twice, the second time on the saved state")
                .containsPattern("(?s)started on cluster.*started on cluster.*Recovered state of 16 nodes");
        assertThat(Files.readString(dir.resolve("service/operations.jsonl")))
                .as("no resume failed: without injected faults only the outage could fail one")
                .doesNotContain("\"status\":\"FAILED\"");
    }

    @Test
    void theOperationLogDiskFullDuringABurstRefusesNewWorkWithJsonAndLosesNothingOnceSpaceReturns() throws Exception {
        ChaosResult result = new ChaosRun(new ChaosOptions(24, 0, 0.0, 2, Duration.ofSeconds(170),
                Optional.of(dir), Duration.ZERO, 0, Duration.ZERO, 21310, Duration.ofSeconds(5), ChaosOptions.Host.TEST)).run();

        assertThat(result.line()).as("the chaos line").endsWith("leaked=0 duplicates=0 lost=0 http5xx=0 stuck=0");
        assertThat(result.refused()).as("resumes sent while the log's file system was full: 503 with a JSON error")
                .isPositive();
        assertThat(result.clean()).isTrue();
        assertThat(Files.readString(dir.resolve("service/operations.jsonl")))
                .as("the log said when it could be written again").contains("writable again after: cannot append")
                .contains("No space left on device");
        assertThat(mounts()).as("the run's tmpfs is unmounted").doesNotContain(dir.toString());
    }

    @Test
    @RequiresLibvirtDaemon
    void aSeededBurstOnQemuSystemWithTinyGuestsAndAServiceKillLeaksDoublesAndLosesNothing() throws Exception {
        ChaosResult result = new ChaosRun(new ChaosOptions(10, 1, 0.2, 13, Duration.ofSeconds(170),
                Optional.of(dir), Duration.ZERO, 0, Duration.ZERO, 21310, Duration.ZERO, ChaosOptions.Host.QEMU)).run();

        assertThat(result.line()).as("the chaos line (run directory %s)", dir)
                .endsWith("leaked=0 duplicates=0 lost=0 http5xx=0 stuck=0");
        assertThat(result.kills()).isEqualTo(1);
        assertThat(result.faults()).as("faults were injected").isPositive();
        assertThat(Files.readString(dir.resolve("service/operations.jsonl")))
                .as("the nodes' domains were created and started on qemu:///system")
                .contains("\"status\":\"SUCCEEDED\"");
        assertThat(poolPathsOnQemuSystem()).as("the run's storage pool is removed from the system libvirtd")
                .noneMatch(p -> p.startsWith(dir.toString()));
    }

    private static List<String> poolPathsOnQemuSystem() throws LibvirtException {
        Connect c = new Connect("qemu:///system");
        try {
            List<String> paths = new ArrayList<>();
            for (String[] names : new String[][] {c.listStoragePools(), c.listDefinedStoragePools()}) {
                for (String name : names) {
                    StoragePool p = c.storagePoolLookupByName(name);
                    String xml = p.getXMLDesc(0);
                    paths.add(xml.replaceAll("(?s).*<path>([^<]*)</path>.*", "$1"));
                    p.free();
                }
            }
            return paths;
        } finally {
            c.close();
        }
    }

    private static String mounts() throws java.io.IOException {
        return Files.readString(Path.of("/proc/self/mounts"));
    }

    /** Root and an installed libvirtd (a private one is started); fails instead of skipping when CI=true. */
    static class NeedsPrivateLibvirtd implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String missing = !Files.isExecutable(Path.of("/usr/sbin/libvirtd")) ? "/usr/sbin/libvirtd is not installed"
                    : !"root".equals(System.getProperty("user.name")) ? "the run starts a libvirtd: root is needed"
                    : null;
            return Requirement.evaluate("root, libvirtd installed", Optional.ofNullable(missing).map(Missing::of));
        }
    }
}
