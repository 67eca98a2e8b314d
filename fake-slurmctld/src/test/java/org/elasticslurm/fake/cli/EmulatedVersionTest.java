package org.elasticslurm.fake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulated Slurm version of every drop-in: chosen by slurmctld's --slurm-version, ELASTIC_SLURM_VERSION, the
 * real slurmctld on PATH (never the drop-ins' own) or 24.11, printed as Debian's commands print theirs
 * ({@code slurm-wlm 22.05.8}, as the real scontrol --version and slurmctld -V 22.05 print), unknown values refused.
 */
class EmulatedVersionTest {

    private static final String ENV = "ELASTIC_SLURM_VERSION";

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Function<PrintStream[], Integer> command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = command.apply(new PrintStream[] {new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)});
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run scontrol(Map<String, String> env, String... args) {
        return run(s -> new ScontrolCommand(env, s[0], s[1], new ByteArrayInputStream(new byte[0]))
                .run(List.of(args)));
    }

    private static Run sinfo(Map<String, String> env, String... args) {
        return run(s -> new SinfoCommand(env, s[0], s[1]).run(List.of(args)));
    }

    private static Run squeue(Map<String, String> env, String... args) {
        return run(s -> new SqueueCommand(env, s[0], s[1]).run(List.of(args)));
    }

    private static Run slurmctld(Map<String, String> env, String... args) {
        return run(s -> new SlurmctldCommand(env, s[0], s[1]).run(List.of(args)));
    }

    private static Run slurmd(Map<String, String> env, String... args) {
        return run(s -> new SlurmdCommand(env, s[0], s[1]).run(List.of(args)));
    }

    @Test
    void environmentVariableChoosesTheVersionEveryCommandPrints() {
        Map<String, String> env = Map.of(ENV, "26.05");
        for (Run r : List.of(scontrol(env, "--version"), sinfo(env, "--version"), squeue(env, "--version"),
                slurmctld(env, "-V"), slurmd(env, "-V"), scontrol(env, "version"))) {
            assertThat(r).isEqualTo(new Run(0, "slurm-wlm 26.05.5\n", ""));
        }
    }

    @Test
    void slurmctldsOptionWinsOverTheEnvironment() {
        assertThat(slurmctld(Map.of(ENV, "24.11"), "--slurm-version", "22.05", "-V"))
                .isEqualTo(new Run(0, "slurm-wlm 22.05.8\n", ""));
        assertThat(slurmctld(Map.of(), "--slurm-version=24.11.5", "-V").out()).isEqualTo("slurm-wlm 24.11.5\n");
    }

    @Test
    void withoutChoiceOrRealSlurmctldTheVersionIs2411() {
        assertThat(sinfo(Map.of("PATH", tmp.toString()), "--version").out()).isEqualTo("slurm-wlm 24.11.5\n");
        assertThat(slurmd(Map.of(), "-V").out()).isEqualTo("slurm-wlm 24.11.5\n");
    }

    @Test
    void realSlurmctldOnPathGivesTheVersionButNotTheDropInsOwnBin() throws IOException {
        Path own = slurmctldPrinting("own", "slurm-wlm 26.05.5");
        Path real = slurmctldPrinting("real", "slurm-wlm 22.05.8");
        Map<String, String> env = Map.of("PATH", own + ":" + real,
                DropInVersion.LAUNCHER, own.resolve("slurmctld").toString());
        assertThat(squeue(env, "--version").out()).isEqualTo("slurm-wlm 22.05.8\n");
        assertThat(slurmctld(env, "-V").out()).isEqualTo("slurm-wlm 22.05.8\n");
        Map<String, String> onlyOwn = Map.of("PATH", own.toString(),
                DropInVersion.LAUNCHER, own.resolve("slurmctld").toString());
        assertThat(scontrol(onlyOwn, "--version").out()).isEqualTo("slurm-wlm 24.11.5\n");
    }

    @Test
    void unknownEnvironmentValueIsEachCommandsUsageErrorNamingTheVariableAndKnownVersions() {
        Map<String, String> env = Map.of(ENV, "23.02");
        String message = "error: unknown Slurm version '23.02' (from environment variable ELASTIC_SLURM_VERSION);"
                + " known versions: 22.05, 24.11, 26.05";
        assertThat(scontrol(env, "ping")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("scontrol: " + message + "\n");
        });
        assertThat(sinfo(env).exit()).isEqualTo(1);
        assertThat(squeue(env, "--version").err()).isEqualTo("squeue: " + message + "\n");
        Run sbatch = run(s -> new SbatchCommand(env, s[0], s[1], new ByteArrayInputStream(new byte[0]))
                .run(List.of("--wrap", "true")));
        assertThat(sbatch.exit()).isEqualTo(255);
        assertThat(sbatch.err()).isEqualTo("sbatch: " + message + "\n");
        Run srun = run(s -> new SrunCommand(env, s[0], s[1], Clock.systemUTC()).run(List.of("hostname"), false));
        assertThat(srun.exit()).isEqualTo(255);
        assertThat(srun.err()).isEqualTo("srun: " + message + "\n");
        Run slurmd = slurmd(env, "-D", "-N", "node1");
        assertThat(slurmd.exit()).isEqualTo(1);
        assertThat(slurmd.err()).startsWith("slurmd: " + message + "\nUsage: slurmd [OPTIONS]\n");
    }

    @Test
    void unknownOptionValueIsSlurmctldsUsageErrorNamingTheOption() {
        Run r = slurmctld(Map.of(ENV, "22.05"), "--slurm-version", "25.05", "-D");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("slurmctld: error: unknown Slurm version '25.05' (from --slurm-version);"
                + " known versions: 22.05, 24.11, 26.05\nUsage: slurmctld [OPTIONS]\n");
    }

    private Path slurmctldPrinting(String dir, String line) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve(dir));
        Path script = bin.resolve("slurmctld");
        Files.writeString(script, "#!/bin/sh\n[ \"$1\" = -V ] && echo '" + line + "' && exit 0\nexit 1\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }
}
