package org.elasticslurm.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.scenarios.catalog.TargetCatalog;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.target.realslurm.RealSlurmTarget;
import org.elasticslurm.scenarios.target.realslurm.SlurmBinaries;
import org.elasticslurm.testsupport.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The version line of {@code elastic-lab replay}: a real slurmctld is never called emulated. */
class ReplayVersionLineTest {

    @TempDir
    Path dir;

    private ElasticLabTest.Run replay(TargetCatalog targets, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = ElasticLab.commandLine(new LabContext(ElasticLabTest.LEVELS, targets, Clock.systemUTC(),
                new SlurmConfParser(), new HookProgramRules(), env));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new ElasticLabTest.Run(status, out.toString(), err.toString());
    }

    /**
     * A root whose slurmctld cannot start (its directory lacks what the wrappers bind-mount, so every command of it
     * fails at once, {@code slurmctld -V} included), as a root left half-built or broken would.
     */
    private Map<String, String> brokenRoot() throws IOException {
        Path base = dir.resolve("roots");
        Files.createFile(Files.createDirectories(base.resolve("trixie-broken/usr/sbin")).resolve("slurmctld"));
        return Map.of("ELASTIC_SLURM_ROOTS", base.toString());
    }

    @Test
    void aRealSlurmRunWhoseSlurmctldNeverStartedSaysItMeantTheRealDaemonAndWhyItsVersionWasNotRead()
            throws IOException {
        Map<String, String> env = brokenRoot();
        SlurmBinaries binaries = SlurmBinaries.realSlurm(SlurmVersion.V24_11, dir, env);
        Requirement.require(binaries.missing().isEmpty(), binaries.missing().orElse(""));
        TargetCatalog targets = TargetCatalog.of(Map.of(TargetKind.REAL_SLURM,
                new RealSlurmTarget(SlurmBinaries.debian(), dir, Clock.systemUTC())));

        ElasticLabTest.Run r = replay(targets, env, "replay", "level0", "--target", "real-slurm",
                "--slurm-version", "24.11", "--no-color");

        assertThat(r.status()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("could not set up real-slurm: level0: cannot set up the real-slurm lab: "
                + "slurmctld exited with status 70 before answering").doesNotContain("emulated");
        String versionLine = r.out().strip().lines().reduce((first, second) -> second).orElseThrow();
        assertThat(versionLine).startsWith("Slurm 24.11 (real slurmctld; its version was not read: "
                        + dir.resolve("esl-slurm-24.11/slurmctld") + " -V exited 70: ")
                .endsWith("cannot bind-mount /proc on " + dir.resolve("roots/trixie-broken/proc") + ")");
        assertThat(r.out()).startsWith("elastic-lab replay level0 --target real-slurm --slurm-version 24.11 (real "
                + "slurmctld; its version was not read: " + dir.resolve("esl-slurm-24.11/slurmctld") + " -V exited 70");
    }

    @Test
    void anEmulatingTargetSaysEmulated() {
        ElasticLabTest.Run r = replay(TargetCatalog.builtIn(), Map.of(), "replay", "level0", "--target", "sim",
                "--slurm-version", "26.05", "--no-color");

        assertThat(r.out()).endsWith("Slurm 26.05 (emulated)\n");
    }
}
