package org.elasticslurm.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.scenarios.catalog.TargetCatalog;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.target.Target;
import org.elasticslurm.scenarios.target.TargetSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --slurm-version}, {@code ELASTIC_SLURM_VERSION} and the real slurmctld on PATH choose the version
 * elastic-lab emulates: the summary names it, lint findings of version-dependent rules name the version they
 * assumed and are that version's, and an unknown value is a usage error.
 */
class ElasticLabVersionTest {

    /** The warning every version but 22.05 once printed, before each version's behaviour was emulated. */
    private static final String WARNING = "behaviour emulated is Slurm 22.05's";

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = ElasticLab.commandLine(new LabContext(ElasticLabTest.LEVELS, TargetCatalog.of(Map.of()),
                Clock.fixed(Instant.parse("2026-11-28T15:00:00Z"), ZoneOffset.UTC), new SlurmConfParser(),
                new HookProgramRules(), env));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    /** A slurm.conf whose ResumeProgram is group-writable (a hook-programs error) and with an unknown key. */
    private Path conf(String extra) throws IOException {
        Path hook = dir.resolve("resume");
        Files.writeString(hook, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxrwxr-x"));
        Path file = dir.resolve("slurm.conf");
        Files.writeString(file, "SuspendProgram=/bin/true\nResumeProgram=" + hook + "\nSuspendTime=300\n" + extra
                + "NodeName=c[1-2] State=CLOUD CPUs=2\nPartitionName=p Nodes=c[1-2]\n");
        return file;
    }

    private Path slurmctldPrinting(String line) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path script = bin.resolve("slurmctld");
        Files.writeString(script, "#!/bin/sh\n[ \"$1\" = -V ] && echo '" + line + "' && exit 0\nexit 1\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void replayOnRealSlurmOfAVersionWithoutItsRootIsUnavailableNamingTheCommandThatBuildsIt() {
        var targets = TargetCatalog.of(Map.of(org.elasticslurm.scenarios.model.TargetKind.REAL_SLURM,
                new org.elasticslurm.scenarios.target.realslurm.RealSlurmTarget(
                        org.elasticslurm.scenarios.target.realslurm.SlurmBinaries.debian(), dir, Clock.systemUTC())));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = ElasticLab.commandLine(new LabContext(ElasticLabTest.LEVELS, targets, Clock.systemUTC(),
                new SlurmConfParser(), new HookProgramRules(), Map.of("ELASTIC_SLURM_ROOTS", dir.toString())));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int status = cl.execute("replay", "level0", "--target", "real-slurm", "--slurm-version", "26.05");

        assertThat(status).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(err.toString()).contains("no Slurm 26.05 root (forky-*) in " + dir)
                .contains("'sudo ci/slurm-root.sh forky'")
                .doesNotContain(WARNING); // real daemons behave as their version does
    }

    @Test
    void realSlurmWithoutAVersionRunsTheVersionOfTheSlurmctldOnPath() throws IOException {
        Path bin = slurmctldPrinting("slurm-wlm 26.05.5");
        var targets = TargetCatalog.of(Map.of(org.elasticslurm.scenarios.model.TargetKind.REAL_SLURM,
                new org.elasticslurm.scenarios.target.realslurm.RealSlurmTarget(
                        org.elasticslurm.scenarios.target.realslurm.SlurmBinaries.debian(), dir, Clock.systemUTC())));
        StringWriter err = new StringWriter();
        var cl = ElasticLab.commandLine(new LabContext(ElasticLabTest.LEVELS, targets, Clock.systemUTC(),
                new SlurmConfParser(), new HookProgramRules(), Map.of("PATH", bin.toString(),
                "ELASTIC_SLURM_ROOTS", dir.resolve("roots").toString())));
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));

        int status = cl.execute("replay", "level0", "--target", "real-slurm");

        assertThat(status).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(err.toString()).contains("real-slurm --slurm-version 26.05: no Slurm 26.05 root");
    }

    @Test
    void optionWinsOverEnvironmentAndIsNamedInSummaryWithoutAWarning() throws IOException {
        Run r = run(Map.of("ELASTIC_SLURM_VERSION", "22.05"), "lint", "--slurm-conf", conf("").toString(),
                "--slurm-version", "26.05");
        assertThat(r.out()).endsWith("Slurm 26.05 (emulated)\n").contains("[assumed Slurm 26.05]");
        assertThat(r.err()).doesNotContain(WARNING).isEmpty();
    }

    @Test
    void versionDependentFindingsNameTheVersionTheyAssumed() throws IOException {
        Path file = conf("");
        Run r = run(Map.of("ELASTIC_SLURM_VERSION", "24.11"), "lint", "--slurm-conf", file.toString());
        assertThat(r.status()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.out()).containsPattern(file + ":2: error: \\[hook-programs\\] .*\\(\"power_save module "
                + "disabled, invalid ResumeProgram .*\"\\).* \\[assumed Slurm 24\\.11\\]\n");
        assertThat(r.out()).endsWith("Slurm 24.11 (emulated)\n");
        assertThat(r.err()).isEmpty();
        Run own = run(Map.of(), "lint", "--slurm-conf", file.toString(), "--slurm-version", "22.05");
        assertThat(own.out()).containsPattern(":2: error: \\[hook-programs\\] .*\\[assumed Slurm 22\\.05\\]\n");
        assertThat(own.err()).isEmpty();
        Run newest = run(Map.of(), "lint", "--slurm-conf", file.toString(), "--slurm-version", "26.05");
        assertThat(newest.out()).containsPattern(file + ":2: error: \\[hook-programs\\] power_save program \\S+ "
                + "has group or world write permission: slurmctld disables power saving entirely \\(\"Invalid "
                + "ResumeProgram PowerAction __resumeprog__ \\(\\S+\\)\", \"power: automatic power save mode "
                + "disabled\"\\).* \\[assumed Slurm 26\\.05\\]\n");
    }

    @Test
    void unknownKeyUnder2411IsCheckedBy2411sOwnKeys() throws IOException {
        Run r = run(Map.of(), "lint", "--slurm-conf", conf("FooBar=1\n").toString(), "--slurm-version", "24.11.5");
        assertThat(r.out()).contains("[slurm-conf] Parsing error at unrecognized key: FooBar (slurmctld 24.11 has no"
                + " such key and stops: \"Unable to process configuration file\"): FooBar=1 [assumed Slurm 24.11]\n");
    }

    @Test
    void lintRefusesSuspendExcStatesFor2205AndTakesItFor2411And2605() throws IOException {
        String file = conf("SuspendExcStates=DOWN,DRAIN\n").toString();
        Run old = run(Map.of(), "lint", "--slurm-conf", file, "--slurm-version", "22.05");
        assertThat(old.status()).isEqualTo(ExitCodes.INVALID);
        assertThat(old.out()).contains(file + ":4: error: [slurm-conf] Parsing error at unrecognized key:"
                + " SuspendExcStates (slurmctld 22.05 has no such key and stops: \"Unable to process configuration"
                + " file\"; a key of Slurm 24.11, 26.05): SuspendExcStates=DOWN,DRAIN [assumed Slurm 22.05]\n");
        for (String v : List.of("24.11", "26.05")) {
            Run r = run(Map.of(), "lint", "--slurm-conf", file, "--slurm-version", v);
            assertThat(r.out()).as(v).doesNotContain("[slurm-conf]").contains(":4: info: [suspend-exc-states]"
                    + " SuspendExcStates=DOWN,DRAIN: Slurm " + v + " does not power down idle nodes in these states");
        }
    }

    @Test
    void validateReadsTheConfByTheChosenVersion() throws IOException {
        String file = conf("SchedulerAuth=x\n").toString();
        Run old = run(Map.of(), "validate", "--slurm-conf", file, "--slurm-version", "22.05");
        assertThat(old.out()).contains(file + ":4: warning: [slurm-conf] The option \"SchedulerAuth\" is defunct,"
                + " see man slurm.conf. [assumed Slurm 22.05]\n");
        Run newer = run(Map.of(), "validate", "--slurm-conf", file, "--slurm-version", "26.05");
        assertThat(newer.status()).isEqualTo(ExitCodes.INVALID);
        assertThat(newer.out()).contains(file + ":4: error: [slurm-conf] Parsing error at unrecognized key:"
                + " SchedulerAuth (slurmctld 26.05 has no such key and stops: \"Unable to process configuration"
                + " file\"; a key of Slurm 22.05): SchedulerAuth=x [assumed Slurm 26.05]\n").endsWith("Slurm 26.05 (emulated)\n");
    }

    @Test
    void validateRunsItsScenariosOnTheTargetOfTheChosenVersion() throws IOException {
        List<org.elasticslurm.conf.SlurmVersion> asked = new java.util.ArrayList<>();
        Target lab = new ElasticLabTest.OneNodeLab();
        Target versioned = new Target() {
            @Override
            public TargetKind kind() {
                return TargetKind.FAKE_REALTIME;
            }

            @Override
            public java.util.Optional<String> cannotRun(Step.Action action) {
                return lab.cannotRun(action);
            }

            @Override
            public java.util.Optional<String> cannotCheck(Expectation expectation) {
                return lab.cannotCheck(expectation);
            }

            @Override
            public TargetSession open(LoadedScenario scenario, ProgressListener progress) {
                return lab.open(scenario, progress);
            }

            @Override
            public Target forVersion(org.elasticslurm.conf.SlurmVersion version, Map<String, String> env) {
                asked.add(version);
                return this;
            }
        };
        Path scenario = dir.resolve("tiny.yaml");
        Files.writeString(scenario, "name: tiny\nslurm-conf:\n  text: |\n    NodeName=n1 State=CLOUD CPUs=1\n"
                + "steps:\n  - submit: srun -w n1 hostname\n");
        StringWriter out = new StringWriter();
        var cl = ElasticLab.commandLine(new LabContext(ElasticLabTest.LEVELS, TargetCatalog.of(Map.of(
                TargetKind.FAKE_REALTIME, versioned)), Clock.systemUTC(), new SlurmConfParser(), new HookProgramRules(),
                Map.of()));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));

        cl.execute("validate", "--slurm-conf", conf("").toString(), "--scenario", scenario.toString(), "--target",
                "fake-realtime", "--slurm-version", "26.05");

        assertThat(asked).containsExactly(org.elasticslurm.conf.SlurmVersion.V26_05);
        assertThat(out.toString()).contains("tiny on fake-realtime");
    }

    @Test
    void replayOnQemuOfAVersionItDoesNotRunIsAUsageErrorNamingTheVersionsItRuns() {
        var targets = TargetCatalog.of(Map.of(TargetKind.QEMU, org.elasticslurm.scenarios.target.qemu.QemuTarget
                .standard(org.elasticslurm.scenarios.target.ControllerKind.FAKE)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = ElasticLab.commandLine(new LabContext(ElasticLabTest.LEVELS, targets, Clock.systemUTC(),
                new SlurmConfParser(), new HookProgramRules(), Map.of()));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int status = cl.execute("replay", "level3", "--target", "qemu", "--controller", "real", "--slurm-version",
                "26.05");

        assertThat(status).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--slurm-version 26.05: the qemu target (--controller real) runs Slurm "
                + "22.05 only");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void realSlurmctldOnPathIsTheDefaultAndWithoutOneItIs2411() throws IOException {
        Path bin = slurmctldPrinting("slurm-wlm 22.05.8");
        Run real = run(Map.of("PATH", bin.toString()), "lint", "--slurm-conf", conf("").toString());
        assertThat(real.out()).endsWith("Slurm 22.05 (emulated)\n");
        assertThat(real.err()).isEmpty();
        Run none = run(Map.of("PATH", dir.resolve("empty").toString()), "lint", "--slurm-conf", conf("").toString());
        assertThat(none.out()).endsWith("Slurm 24.11 (emulated)\n");
        assertThat(none.err()).isEmpty();
    }

    @Test
    void unknownVersionIsAUsageErrorOfEveryCommandNamingItsSource() throws IOException {
        String conf = conf("").toString();
        for (List<String> args : List.of(List.of("lint", "--slurm-conf", conf),
                List.of("validate", "--slurm-conf", conf), List.of("replay", "level0"),
                List.of("simulate", "--slurm-conf", conf, "--workload", "w.swf"))) {
            Run r = run(Map.of("ELASTIC_SLURM_VERSION", "23.02"), args.toArray(String[]::new));
            assertThat(r.status()).as("%s", args).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).as("%s", args).contains("unknown Slurm version '23.02' (from environment variable"
                    + " ELASTIC_SLURM_VERSION); known versions: 22.05, 24.11, 26.05");
        }
        Run option = run(Map.of(), "replay", "level0", "--slurm-version", "2.0");
        assertThat(option.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(option.err()).contains("'2.0' (from --slurm-version)");
    }

    @Test
    void installedSlurmctldOfUnknownVersionIsAUsageErrorNamingIt() throws IOException {
        Path bin = slurmctldPrinting("slurm 23.02.7");
        Run r = run(Map.of("PATH", bin.toString()), "lint", "--slurm-conf", conf("").toString());
        assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("'23.02.7' (from " + bin.resolve("slurmctld") + " -V");
    }
}
