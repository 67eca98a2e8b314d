package org.elasticslurm.scenarios.target.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elasticslurm.scenarios.target.provisioned.ProvisionedLevels.LEVELS;
import static org.elasticslurm.scenarios.target.provisioned.ProvisionedLevels.assertAllPassed;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.target.ControllerKind;
import org.elasticslurm.scenarios.target.provisioned.ProvisionedLevels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * scenarios/hosts/two-hypervisors.yaml on real TCG VMs: the machine's libvirtd and a second libvirtd host in namespaces
 * of its own (ci/second-host.sh), the second one stopped mid-run. Every expectation must pass, and the run must leave
 * no domain or pool on the machine's libvirtd, no namespace of the run or its host, and no process.
 */
@ExtendWith(QemuAvailable.class)
class TwoHypervisorsIT {
    private static final Path FILE = LEVELS.resolveSibling("hosts").resolve("two-hypervisors.yaml");

    @TempDir
    Path scratch;

    private Set<Long> before;

    @BeforeEach
    void noteTheProcessesThatAlreadyRun() {
        before = ProvisionedLevels.childProcesses();
    }

    @AfterEach
    void nothingOfTheRunIsLeft() throws IOException {
        ProvisionedLevels.assertNoLabDirectoryIn(scratch);
        assertThat(lines("/usr/bin/virsh", "-q", "-c", "qemu:///system", "list", "--all", "--name"))
                .as("domains of qemu-target runs").noneMatch(d -> d.matches("eq[0-9a-f]{6}-.*"));
        assertThat(lines("/usr/sbin/ip", "netns", "list")).as("lab and host namespaces of qemu-target runs")
                .noneMatch(n -> n.startsWith("esl-eq"));
        ProvisionedLevels.assertNoProcessLeftBut(before);
    }

    @Test
    void machinesGoToBothHostsAndAStoppedHostFailsOnlyTheNodePinnedToIt() {
        ScenarioResult r = ProvisionedLevels.run(FILE, new QemuTarget(ControllerKind.FAKE, Clock.systemUTC(),
                scratch));

        assertAllPassed(r);
    }

    private static List<String> lines(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return Arrays.stream(out.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
