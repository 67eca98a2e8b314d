package org.elasticslurm.fake.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.conf.state.NodeFlag;
import org.elasticslurm.conf.state.NodeState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API a scenario runner drives: a simulated controller on a virtual clock, seen only through this package. */
class SimulatedSlurmTest {

    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
    private static final Duration BOOT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private SlurmConf conf;
    private VirtualClock clock;
    private SimulatedSlurm slurm;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void lab() throws IOException {
        Files.createDirectories(dir.resolve("hooks"));
        for (String hook : List.of("suspend", "resume", "resumefail")) {
            Path p = dir.resolve("hooks").resolve(hook);
            Files.writeString(p, "#!/bin/sh\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path file = dir.resolve("slurm.conf");
        Files.writeString(file, String.join("\n", "ClusterName=lab", "SlurmctldHost=labhost(127.0.0.1)",
                "SlurmUser=root", "ReturnToService=2", "SuspendProgram=" + dir + "/hooks/suspend",
                "ResumeProgram=" + dir + "/hooks/resume", "ResumeFailProgram=" + dir + "/hooks/resumefail",
                "SuspendTime=600", "SuspendTimeout=5", "ResumeTimeout=60", "NodeName=c[1-2] State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=c[1-2] Default=YES MaxTime=INFINITE State=UP") + "\n");
        conf = new SlurmConfParser(SlurmVersion.V22_05).parse(file);
        clock = new VirtualClock(START, 1);
        slurm = new SimulatedSlurm(clock, START.minus(Duration.ofDays(3)), 1000);
    }

    private void start() {
        slurm.start(conf, new HookProgramRules().verdict(conf), dir, (time, line) -> log.add(line),
                SlurmVersion.V22_05);
    }

    @Test
    void aBatchJobOnAPoweredDownNodeRunsOnceTheSlurmdTheResumeProgramBootedRegisters() {
        slurm.workload((command, nodes) -> new CommandRun(Duration.ofSeconds(1), 0, String.join(",", nodes) + "\n"));
        slurm.hookProgram(PowerSaveHook.RESUME, (argv0, hostlist) -> {
            clock.scheduleAfter(BOOT, 30, () -> slurm.startSlurmd(hostlist, SlurmdStart.FRESH_BOOT, 1, 1));
            return HookRun.immediateSuccess();
        });
        start();
        StringBuilder output = new StringBuilder();
        JobSnapshot[] ended = new JobSnapshot[1];

        Submission submitted = slurm.sbatch(new JobSubmission("wrap", List.of("/bin/sh", "-c", "hostname"),
                Optional.empty(), OptionalInt.of(1), Optional.empty()), new BatchJobListener() {
                    @Override
                    public void stepFinished(JobSnapshot job, String stepOutput) {
                        output.append(stepOutput);
                    }

                    @Override
                    public void ended(JobSnapshot job) {
                        ended[0] = job;
                    }
                });
        clock.runUntil(START.plus(Duration.ofMinutes(2)));

        assertThat(submitted.error()).isEmpty();
        assertThat(slurm.hookCalls()).extracting(HookCall::hook, HookCall::hostlist)
                .containsExactly(tuple(PowerSaveHook.RESUME, "c1"));
        assertThat(ended[0]).as("the job ended").isNotNull();
        assertThat(ended[0].state()).isEqualTo("COMPLETED");
        assertThat(ended[0].startTime()).as("started once c1's slurmd registered, after the boot")
                .hasValueSatisfying(t -> assertThat(t).isAfterOrEqualTo(
                        slurm.hookCalls().get(0).time().plus(BOOT)));
        assertThat(output).hasToString("c1\n");
        assertThat(slurm.job(submitted.job().orElseThrow().id())).as("still listed (MinJobAge)")
                .hasValueSatisfying(j -> assertThat(j.state()).isEqualTo("COMPLETED"));
    }

    @Test
    void aNodeStateScontrolDoesNotKnowIsRefusedNamingIt() {
        start();

        assertThat(NodeChange.isState("power_down")).isTrue();
        assertThat(NodeChange.isState("sleepy")).isFalse();
        assertThatThrownBy(() -> slurm.updateNode(new NodeChange("c1", Optional.of("sleepy"), Optional.empty(),
                Optional.empty(), Optional.empty()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid node state specified: sleepy");
    }

    @Test
    void theControllersRefusalComesBackInItsOwnWords() {
        start();

        assertThat(slurm.updateNode(NodeChange.address("nosuch", "10.0.0.9")))
                .contains("Invalid node name specified");
        assertThat(slurm.updateNode(NodeChange.address("c1", "10.0.0.9"))).isEmpty();
    }

    @Test
    void theNodesAreReadInTheControllersOrderWithTheirStateWords() {
        start();
        slurm.startSlurmd("c2", SlurmdStart.MACHINE_BOOT, 1, 1);
        clock.runUntil(START.plus(Duration.ofSeconds(5)));

        assertThat(slurm.nodeNames()).containsExactly("c1", "c2");
        int[] words = slurm.stateWords();
        assertThat(words).hasSize(2);
        assertThat(NodeState.ofWord(words[0]).has(NodeFlag.POWERED_DOWN)).as("c1: no slurmd, powered down").isTrue();
        assertThat(NodeState.ofWord(words[1]).has(NodeFlag.POWERED_DOWN))
                .as("c2: its slurmd registered unasked, so it is up").isFalse();
    }

    @Test
    void questionsBeforeTheControllerStartsAreRefused() {
        assertThatThrownBy(() -> slurm.nodeNames()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has not started");
    }
}
