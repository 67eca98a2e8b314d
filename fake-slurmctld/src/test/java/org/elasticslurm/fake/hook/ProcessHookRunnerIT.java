package org.elasticslurm.fake.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs real programs through {@link ProcessHookRunner} and checks, from inside them, that they get exactly what
 * slurmctld 22.05 gives its power-save programs.
 */
@CpuCost(0) // small perl and shell programs
@ExtendWith(RequiresPerlAndProc.class)
class ProcessHookRunnerIT {

    private static final String JSON = "{\"jobs\":[{\"job_id\":1,\"nodes\":\"c1\"}],\"all_nodes\":\"c[1-2]\"}";

    @TempDir
    Path dir;

    private final List<Long> startedPids = new ArrayList<>();

    @AfterEach
    void killWhatTheHooksLeft() throws IOException {
        for (long pid : startedPids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private ProcessHookRunner runner() {
        return new ProcessHookRunner(Path.of("/usr/bin/perl"), dir.resolve("scratch"), Clock.systemUTC(),
                Duration.ofSeconds(2));
    }

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private HookInvocation invocation(HookKind kind, Path program, String hostlist, Optional<String> json,
                                      Path cwd) {
        return new HookInvocation(kind, program.toString(), hostlist, Map.of("SLURM_CONF", "/etc/slurm/slurm.conf"),
                json, cwd);
    }

    private HookExit waitForExit(HookProcess process) {
        await("hook pid " + process.pid() + " ended").atMost(Duration.ofSeconds(20))
                .until(() -> process.pollExit().isPresent());
        return process.pollExit().orElseThrow();
    }

    @Test
    void hookGetsOnlySlurmConfAndResumeFileItsCwdTheDaemonsSignalMaskAndNoOpenDescriptors() throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Path cwd = Files.createDirectories(dir.resolve("controller-cwd"));
        Path hook = script("resume", String.join("\n",
                "ls /proc/$$/fd > " + out + "/fds",
                "tr '\\0' '\\n' < /proc/$$/environ > " + out + "/environ",
                "grep -E '^(SigBlk|SigIgn):' /proc/$$/status > " + out + "/signals",
                "pwd > " + out + "/cwd",
                "echo \"$1\" > " + out + "/argv1",
                "cut -d' ' -f1,5 /proc/$$/stat > " + out + "/pid-pgrp",
                "cat \"$SLURM_RESUME_FILE\" > " + out + "/resume.json",
                "echo \"$SLURM_RESUME_FILE\" > " + out + "/resume-path",
                ""));

        HookProcess process = runner().start(invocation(HookKind.RESUME, hook, "c[1-2]", Optional.of(JSON), cwd));
        HookExit exit = waitForExit(process);

        assertThat(exit).isEqualTo(new HookExit.Exited(0));
        assertThat(Files.readAllLines(out.resolve("fds"))).as("open descriptors of the hook (bash keeps its"
                + " script open as 255)").containsExactly("255");
        String resumePath = Files.readString(out.resolve("resume-path")).trim();
        assertThat(Files.readAllLines(out.resolve("environ")))
                .containsExactlyInAnyOrder("SLURM_CONF=/etc/slurm/slurm.conf", "SLURM_RESUME_FILE=" + resumePath);
        assertThat(Files.readAllLines(out.resolve("signals")))
                .containsExactly("SigBlk:\t0000000000897a27", "SigIgn:\t0000000000000004");
        assertThat(Files.readString(out.resolve("cwd")).trim()).isEqualTo(cwd.toString());
        assertThat(Files.readString(out.resolve("argv1")).trim()).isEqualTo("c[1-2]");
        String[] pidPgrp = Files.readString(out.resolve("pid-pgrp")).trim().split(" ");
        assertThat(pidPgrp[0]).as("pid").isEqualTo(String.valueOf(process.pid()));
        assertThat(pidPgrp[1]).as("the hook leads its own process group").isEqualTo(pidPgrp[0]);
        assertThat(Files.readString(out.resolve("resume.json"))).isEqualTo(JSON);
        assertThat(resumePath).matches("/proc/" + ProcessHandle.current().pid() + "/fd/[0-9]+");
        process.release();
    }

    @Test
    void resumeFileStaysReadableUntilTheControllerReapsTheProgramAndIsGoneAfterwards() throws Exception {
        Path pathFile = dir.resolve("resume-path");
        Path hook = script("resume", "echo \"$SLURM_RESUME_FILE\" > " + pathFile + "\nexit 0\n");
        HookProcess process = runner().start(invocation(HookKind.RESUME, hook, "c1", Optional.of(JSON), dir));
        waitForExit(process);
        Path resumeFile = Path.of(Files.readString(pathFile).trim());

        assertThat(Files.readString(resumeFile)).as("readable after exit, before reaping").isEqualTo(JSON);
        process.release();

        assertThat(linkTarget(resumeFile)).as("the descriptor of the resume file is closed")
                .doesNotContain("resumeprog");
        try (var left = Files.list(dir.resolve("scratch"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("launch-hook.pl");
        }
    }

    @Test
    void argvZeroIsTheProgramsBaseName() throws Exception {
        Path sleeper = dir.resolve("sleeper");
        Files.copy(Path.of("/bin/sleep"), sleeper);
        Files.setPosixFilePermissions(sleeper, PosixFilePermissions.fromString("rwxr-xr-x"));

        HookProcess process = runner().start(invocation(HookKind.SUSPEND, sleeper, "2", Optional.empty(), dir));
        startedPids.add(process.pid());
        Path cmdline = Path.of("/proc/" + process.pid() + "/cmdline");
        await("pid " + process.pid() + " exec'd the program").atMost(Duration.ofSeconds(5))
                .until(() -> !Files.readString(cmdline).contains("launch-hook.pl"));

        assertThat(Files.readString(cmdline)).isEqualTo("sleeper\u00002\u0000");
        assertThat(waitForExit(process)).isEqualTo(new HookExit.Exited(0));
    }

    @Test
    void exitStatusAndKillingSignalAreReported() throws Exception {
        HookExit failed = waitForExit(runner().start(invocation(HookKind.SUSPEND, script("fail", "exit 3\n"), "c1",
                Optional.empty(), dir)));
        HookExit killed = waitForExit(runner().start(invocation(HookKind.SUSPEND, script("die", "kill -KILL $$\n"),
                "c1", Optional.empty(), dir)));

        assertThat(failed).isEqualTo(new HookExit.Exited(3));
        assertThat(killed).isEqualTo(new HookExit.Signaled(9));
        assertThat(((HookExit.Signaled) killed).description()).isEqualTo("Killed");
    }

    @Test
    void sigtermIsBlockedInsideTheHookAsUnderSlurmctld() throws Exception {
        Path out = dir.resolve("survived");
        Path hook = script("term", "kill -TERM $$\necho survived > " + out + "\n");

        HookExit exit = waitForExit(runner().start(invocation(HookKind.SUSPEND, hook, "c1", Optional.empty(), dir)));

        assertThat(exit).isEqualTo(new HookExit.Exited(0));
        assertThat(Files.readString(out).trim()).isEqualTo("survived");
    }

    @Test
    void diagnosisReportsProcessesLeftInTheHooksProcessGroup() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Path hook = script("resume", "sleep 60 &\necho $! > " + pidFile + "\nexit 0\n");
        ProcessHookRunner runner = runner();

        HookProcess process = runner.start(invocation(HookKind.RESUME, hook, "c1", Optional.empty(), dir));
        waitForExit(process);
        startedPids.add(Long.parseLong(Files.readString(pidFile).trim()));
        List<String> findings = runner.diagnose(Instant.now());

        assertThat(findings).singleElement().asString()
                .contains("ResumeProgram " + hook + " (pid " + process.pid() + ") exited, but 1 process(es)")
                .contains(startedPids.get(0) + " (sleep)")
                .contains("setsid");
    }

    @Test
    void diagnosisReportsAZombieThatTheHooksChildNeverReaps() throws Exception {
        Path pidFile = dir.resolve("parent.pid");
        Path hook = script("resume", "perl -e 'if (fork() == 0) { exit 0 } sleep 60' &\necho $! > " + pidFile
                + "\nexit 0\n");
        ProcessHookRunner runner = runner();

        HookProcess process = runner.start(invocation(HookKind.RESUME, hook, "c1", Optional.empty(), dir));
        waitForExit(process);
        startedPids.add(Long.parseLong(Files.readString(pidFile).trim()));
        List<String> findings = new CopyOnWriteArrayList<>();
        await("zombie reported").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    findings.addAll(runner.diagnose(Instant.now()));
                    return findings.stream().anyMatch(f -> f.contains("defunct"));
                });

        assertThat(findings).filteredOn(f -> f.contains("defunct")).singleElement().asString()
                .contains("its parent " + startedPids.get(0) + " (perl) does not reap it");
    }

    @Test
    void diagnosisReportsAProgramThatKeepsRunning() throws Exception {
        Path hook = script("resume", "sleep 30\n");
        ProcessHookRunner runner = runner();
        HookProcess process = runner.start(invocation(HookKind.RESUME, hook, "c1", Optional.empty(), dir));
        startedPids.add(process.pid());

        List<String> findings = runner.diagnose(Instant.now().plusSeconds(5));

        assertThat(findings).anyMatch(f -> f.contains("(pid " + process.pid() + ") is still running")
                && f.contains("never kills it"));
    }

    /**
     * Where a /proc/PID/fd entry points, read once: empty when the descriptor is closed (the number may be taken
     * again by another file of this JVM, and closed again, at any moment, so no separate "is it a link" check).
     */
    private static String linkTarget(Path fd) throws java.io.IOException {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (java.nio.file.NoSuchFileException e) {
            return "";
        }
    }
}
