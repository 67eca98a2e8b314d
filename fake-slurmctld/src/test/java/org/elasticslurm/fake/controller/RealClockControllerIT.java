package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.fake.hook.ProcessHookRunner;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.sim.RealTimeDriver;
import org.elasticslurm.fake.sim.cluster.SimulatedCluster;
import org.elasticslurm.fake.sim.cluster.SimulatedSrun;
import org.elasticslurm.fake.sim.cluster.SlurmdStart;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The same controller on the wall clock, running real hook programs (bash scripts) through the real runner:
 * a job wakes its node, the node's slurmd registers, the job runs, the idle node is suspended and powered down.
 * It times the controller to the second, so it runs alone ({@code @Isolated}): not beside the differential ITs'
 * concurrent labs.
 */
@CpuCost(1) // timed to the second: a slot keeps an all-slots run (a TCG boot) off the machine meanwhile
@EnabledOnOs(OS.LINUX)
@Isolated
class RealClockControllerIT {

    @TempDir
    Path dir;

    private RealTimeDriver driver;

    @AfterEach
    void stop() throws InterruptedException {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void aJobWakesItsNodeThroughTheRealResumeProgramAndTheIdleNodeIsSuspendedAgain() throws Exception {
        Path calls = dir.resolve("calls");
        Path hooks = Files.createDirectories(dir.resolve("hooks"));
        for (String hook : List.of("resume", "suspend", "resumefail")) {
            Path p = hooks.resolve(hook);
            Files.writeString(p, "#!/bin/bash\necho \"$(basename $0) $1 $(date +%s.%N)\" >> " + calls + "\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path confFile = dir.resolve("slurm.conf");
        Files.writeString(confFile, TestConf.lab("SuspendTime=2", "SuspendTimeout=1",
                "SlurmctldParameters=power_save_interval=1",
                "NodeName=node1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=node1 Default=YES MaxTime=INFINITE State=UP")
                .replace("$LAB", dir.toString()).replace("$HOST", "labhost"));
        SlurmConf conf = new SlurmConfParser().parse(confFile);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        driver = new RealTimeDriver(Clock.systemUTC(), 1, "fake-slurmctld", failure::set);
        List<LogRecord> log = new CopyOnWriteArrayList<>();
        SimulatedCluster cluster = new SimulatedCluster(driver, Instant.now().minus(Duration.ofDays(1)));
        ProcessHookRunner runner = new ProcessHookRunner(Path.of("/usr/bin/perl"), dir.resolve("scratch"),
                Clock.systemUTC(), Duration.ofSeconds(30));
        SlurmController controller = SlurmController.checkingPrograms(conf, driver,
                new ControllerPorts(runner, cluster, cluster, log::add), ControllerOptions.of(confFile, dir));
        cluster.attach(controller);
        driver.start();
        Instant submitted = driver.call(() -> {
            controller.start();
            new SimulatedSrun(controller, driver, 1, 30, SlurmBehaviour.of(SlurmVersion.V22_05))
                    .run(JobRequest.srun("node1", List.of("hostname")));
            return driver.now();
        }).get();

        await("resume program called").atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(calls) && Files.readString(calls).startsWith("resume node1"));
        double resumeAt = Double.parseDouble(Files.readAllLines(calls).get(0).split(" ")[2]);
        assertThat(resumeAt - submitted.toEpochMilli() / 1000.0).as("seconds from submit to ResumeProgram")
                .isBetween(0.0, 2.5);
        // A slurmd -b registering within a second of the wake reports Uptime=1, which 22.05 refuses ("Still
        // waiting for boot"): start it 2 s after the resume, as the differential scenarios do on the real daemon.
        driver.execute(() -> driver.scheduleAfter(Duration.ofSeconds(2), 0,
                () -> cluster.startSlurmd("node1", SlurmdStart.FRESH_BOOT, 1, 1)));

        await("node1 IDLE+CLOUD").atMost(Duration.ofSeconds(15))
                .until(() -> driver.call(() -> controller.nodeIncludingHidden("node1").orElseThrow().state()).get()
                        .equals("IDLE+CLOUD"));
        await("node1 IDLE+CLOUD+POWERED_DOWN").atMost(Duration.ofSeconds(20))
                .until(() -> driver.call(() -> controller.nodeIncludingHidden("node1").orElseThrow().state()).get()
                        .equals("IDLE+CLOUD+POWERED_DOWN"));

        List<String> lines = Files.readAllLines(calls);
        assertThat(lines).extracting(l -> l.split(" ")[0] + " " + l.split(" ")[1])
                .containsExactly("resume node1", "suspend node1");
        assertThat(log).extracting(LogRecord::line).contains("Node node1 now responding");
        assertThat(failure.get()).isNull();
    }
}
