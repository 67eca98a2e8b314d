package org.elasticslurm.fake.hook;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs power-save programs for real, exactly as slurmctld 22.05 does: fork/exec with argv[0] the base name and
 * argv[1] the hostlist, the environment exactly SLURM_CONF (and SLURM_RESUME_FILE for ResumeProgram), the
 * controller's working directory, every file descriptor closed, the daemon's blocked signal mask (SigBlk
 * 0x897a27) with SIGQUIT ignored, its own process group; never killed, always reaped.
 *
 * <p>Java cannot set a child's signal mask or close its descriptors, so a small Perl launcher (perl-base and its
 * POSIX module are on every Debian) forks the program, sets all of that up in the child, and reports the child's
 * pid and its wait status. The program's parent is therefore that launcher rather than the controller itself;
 * everything the program can observe about itself is as under slurmctld. SLURM_RESUME_FILE is
 * {@code /proc/<this JVM's pid>/fd/<N>} of a deleted private file (see {@link ResumeFile}), readable until the
 * controller reaps the program, like 22.05's memfd.
 */
public final class ProcessHookRunner implements HookRunner {

    private static final String LAUNCHER_RESOURCE = "launch-hook.pl";

    private final Path perl;
    private final Path scratch;
    private final Path launcher;
    private final Clock clock;
    private final HookDiagnostics diagnostics;

    /**
     * @param perl the perl interpreter (usually {@code /usr/bin/perl})
     * @param scratch a directory for the launcher script and the resume files; created private (0700)
     * @param clock the wall clock (start times for the diagnosis)
     * @param lingerThreshold how long a program may run before the diagnosis reports it
     */
    public ProcessHookRunner(Path perl, Path scratch, Clock clock, Duration lingerThreshold) {
        this.perl = Objects.requireNonNull(perl, "perl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.diagnostics = new HookDiagnostics(lingerThreshold, Duration.ofHours(1));
        if (!Files.isExecutable(perl)) {
            throw new IllegalArgumentException("perl interpreter " + perl + " is not executable: the hook launcher"
                    + " needs perl with its POSIX module (Debian: perl-base)");
        }
        try {
            this.scratch = Files.createDirectories(scratch);
            Files.setPosixFilePermissions(this.scratch, PosixFilePermissions.fromString("rwx------"));
            this.launcher = this.scratch.resolve(LAUNCHER_RESOURCE);
            try (InputStream in = ProcessHookRunner.class.getResourceAsStream(LAUNCHER_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + LAUNCHER_RESOURCE + " is missing from the jar");
                }
                Files.write(launcher, in.readAllBytes());
            }
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("r--------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the hook launcher in " + scratch, e);
        }
    }

    /** A runner with {@code /usr/bin/perl}, a scratch directory under the system temporary directory. */
    public static ProcessHookRunner standard(Clock clock, Duration lingerThreshold) {
        Path scratch = Path.of(System.getProperty("java.io.tmpdir"),
                "fake-slurmctld-hooks-" + ProcessHandle.current().pid());
        return new ProcessHookRunner(Path.of("/usr/bin/perl"), scratch, clock, lingerThreshold);
    }

    @Override
    public HookProcess start(HookInvocation invocation) {
        ResumeFile resumeFile = invocation.resumeJson().map(json -> ResumeFile.create(json, scratch)).orElse(null);
        Map<String, String> env = new LinkedHashMap<>(invocation.environment());
        if (resumeFile != null) {
            env.put("SLURM_RESUME_FILE", resumeFile.path());
        }
        ProcessBuilder builder = new ProcessBuilder(perl.toString(), launcher.toString(), invocation.program(),
                invocation.argv0(), invocation.hostlist())
                .directory(invocation.workingDirectory().toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            closeQuietly(resumeFile);
            throw new HookStartException("cannot start " + invocation.program() + " through " + perl + ": "
                    + e.getMessage(), e);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> noise = new ArrayList<>();
        long pid = readPid(reader, noise, process, invocation, resumeFile);
        diagnostics.watch(pid, invocation, clock.instant());
        return new LaunchedHook(pid, process, reader, resumeFile, noise);
    }

    @Override
    public List<String> diagnose(Instant now) {
        if (diagnostics.idle()) {
            return List.of();
        }
        return diagnostics.inspect(now, ProcessTable::read);
    }

    private long readPid(BufferedReader reader, List<String> noise, Process process, HookInvocation invocation,
                         ResumeFile resumeFile) {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("pid ")) {
                    return Long.parseLong(line.substring(4).trim());
                }
                if (line.startsWith("fork-failed ")) {
                    break;
                }
                noise.add(line);
            }
            closeQuietly(resumeFile);
            throw new HookStartException("the launcher could not start " + invocation.program() + ": "
                    + (line == null ? String.join(" / ", noise) : line), null);
        } catch (IOException e) {
            process.destroy();
            closeQuietly(resumeFile);
            throw new HookStartException("cannot read from the hook launcher: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(ResumeFile file) {
        if (file != null) {
            file.close();
        }
    }

    private final class LaunchedHook implements HookProcess {
        private final long pid;
        private final Process launcherProcess;
        private final BufferedReader reader;
        private final ResumeFile resumeFile;
        private final List<String> noise;
        private HookExit exit;

        LaunchedHook(long pid, Process launcherProcess, BufferedReader reader, ResumeFile resumeFile,
                     List<String> noise) {
            this.pid = pid;
            this.launcherProcess = launcherProcess;
            this.reader = reader;
            this.resumeFile = resumeFile;
            this.noise = noise;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public Optional<HookExit> pollExit() {
            if (exit != null) {
                return Optional.of(exit);
            }
            if (launcherProcess.isAlive()) {
                return Optional.empty();
            }
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("exit ")) {
                        exit = new HookExit.Exited(Integer.parseInt(line.substring(5).trim()));
                    } else if (line.startsWith("signal ")) {
                        exit = new HookExit.Signaled(Integer.parseInt(line.substring(7).trim()));
                    } else {
                        noise.add(line);
                    }
                }
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the status of hook pid " + pid, e);
            }
            if (exit == null) {
                throw new IllegalStateException("the hook launcher for pid " + pid + " ended with status "
                        + launcherProcess.exitValue() + " without reporting the program's status: "
                        + String.join(" / ", noise));
            }
            diagnostics.exited(pid, clock.instant());
            return Optional.of(exit);
        }

        @Override
        public void release() {
            closeQuietly(resumeFile);
        }
    }
}
