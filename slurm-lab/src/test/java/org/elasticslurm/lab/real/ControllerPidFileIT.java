package org.elasticslurm.lab.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elasticslurm.lab.ports.FreePorts;
import org.elasticslurm.lab.process.CommandResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two labs' real slurmctld 22.05 from a template that sets no SlurmctldPidFile (as the qemu scenarios' slurm.conf):
 * slurmctld SIGTERMs the process its PID file names when it starts, so with Slurm's default file both labs would
 * share /run/slurmctld.pid and the second would end the first. Rendered for a lab, each has its own.
 */
@ExtendWith(RealSlurmAvailable.class)
class ControllerPidFileIT {
    private static final String TEMPLATE = """
            ClusterName=lab
            SlurmctldHost=$HOST($CTLD_ADDR)
            SlurmctldPort=%d
            SlurmUser=root
            AuthType=auth/munge
            StateSaveLocation=$LAB/state
            SlurmctldLogFile=$LAB/slurmctld.log
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            MpiDefault=none
            NodeName=node1 State=CLOUD CPUs=1
            PartitionName=debug Nodes=node1 Default=YES State=UP
            """;

    @TempDir
    Path scratch;

    private final List<Process> started = new ArrayList<>();
    private final FreePorts ports = new FreePorts();

    @AfterEach
    void endTheControllers() {
        started.forEach(Process::destroyForcibly); // slurmctld ends on SIGKILL; by the PIDs this test started
        ports.close();
    }

    private Path start(String name) throws IOException {
        Path lab = Files.createDirectories(scratch.resolve(name));
        Files.createDirectories(lab.resolve("state"));
        RenderedConf conf = new ConfTemplate(name + ".conf", TEMPLATE.formatted(ports.getAsInt()))
                .renderForMachines(lab, ConfTemplate.localHost(), "127.0.0.1");
        Path file = lab.resolve("slurm.conf");
        Files.writeString(file, conf.text());
        started.add(new ProcessBuilder("/usr/sbin/slurmctld", "-D", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(lab.resolve("slurmctld.out").toFile()).start());
        await("slurmctld of " + name + " answering scontrol ping").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> ping(file));
        return lab;
    }

    private static boolean ping(Path conf) {
        CommandResult r = CommandResult.run(List.of("/usr/bin/scontrol", "ping"),
                Map.of("SLURM_CONF", conf.toString(), "PATH", "/usr/bin:/bin"), Path.of("/"), Duration.ofSeconds(20));
        return r.exitCode() == 0 && r.stdout().contains("is UP");
    }

    @Test
    void aSecondLabsSlurmctldLeavesTheFirstOneRunning() throws IOException {
        Path first = start("first");
        start("second");

        assertThat(started.get(0).isAlive()).as("the first lab's slurmctld").isTrue();
        assertThat(ping(first.resolve("slurm.conf"))).isTrue();
        assertThat(Files.readString(scratch.resolve("second/slurmctld.log"))).doesNotContain("killing old slurmctld");
        assertThat(first.resolve("slurmctld.pid")).content().isEqualToIgnoringNewLines(
                Long.toString(started.get(0).pid()));
    }
}
