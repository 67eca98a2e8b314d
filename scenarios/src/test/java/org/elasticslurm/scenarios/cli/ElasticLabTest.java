package org.elasticslurm.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.validation.SchemaFactory;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.target.StepResult;
import org.elasticslurm.scenarios.target.Target;
import org.elasticslurm.scenarios.catalog.TargetCatalog;
import org.elasticslurm.scenarios.target.TargetSession;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.Observations;
import org.elasticslurm.scenarios.trace.StateChange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticLabTest {
    static final Path LEVELS = Path.of(System.getProperty("scenarios.levels", "levels"));

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    private static Run run(TargetCatalog targets, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = ElasticLab.commandLine(new LabContext(LEVELS, targets,
                Clock.fixed(Instant.parse("2026-11-28T15:00:00Z"), ZoneOffset.UTC), new SlurmConfParser(),
                new HookProgramRules(), java.util.Map.of("ELASTIC_SLURM_VERSION", "22.05")));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(TargetCatalog.builtIn(), args);
    }

    /** A build with no runner wired, as on a target whose runner has not landed. */
    private static Run runWithoutRunners(String... args) {
        return run(TargetCatalog.of(java.util.Map.of()), args);
    }

    @Nested
    class Usage {
        @Test
        void noCommandIsAUsageError() {
            Run r = run();
            assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("elastic-lab: missing command: one of replay, lint, validate, simulate")
                    .contains("Try 'elastic-lab --help'");
        }

        @Test
        void misspeltCommandGetsASuggestion() {
            Run r = run("replya", "level0");
            assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("Unmatched arguments from index 0: 'replya', 'level0'").contains("replay");
        }

        @Test
        void everyCommandHasHelp() {
            for (String command : List.of("replay", "lint", "validate", "simulate")) {
                Run r = run(command, "--help");
                assertThat(r.status()).as(command).isZero();
                assertThat(r.out()).as(command).contains("Usage: elastic-lab " + command).contains("Exit status:");
            }
        }

        @Test
        void unknownTargetListsTheTargets() {
            Run r = run("replay", "level0", "--target", "qemuu");
            assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("unknown target 'qemuu'; allowed: sim, fake-realtime, libvirt-test, qemu, "
                    + "real-slurm");
        }

        @Test
        void unknownScenarioNameSaysWhatIsAccepted() {
            Run r = run("replay", "level7");
            assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("no scenario 'level7': give level0, level1, level2, level3 or the path of a "
                    + "scenario file");
        }

        @Test
        void lintNeedsTheSlurmConf() {
            Run r = run("lint");
            assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("Missing required option: '--slurm-conf=FILE'");
        }

        @Test
        void badBootTimeStatesTheDurationRule() {
            Run r = run("lint", "--slurm-conf", "x.conf", "--boot-time", "75");
            assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("'75' has no unit; a duration is a number with a unit ms, s, m or h");
        }

        @Test
        void versionIsTheProjects() {
            Run r = run("--version");
            assertThat(r.status()).isZero();
            assertThat(r.out()).startsWith("elastic-lab 0.1.0");
        }
    }

    @Nested
    class Replay {
        @Test
        void withoutARunnerItFailsClearlyAfterValidatingTheLevel() {
            Run r = runWithoutRunners("replay", "level0");
            assertThat(r.status()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(r.err()).isEqualTo("elastic-lab: runner for target sim not available yet ("
                    + LEVELS.resolve("level0.yaml") + " is valid: 5 steps, 14 expectations)\n");
        }

        @Test
        void theTargetAskedForIsNamed() {
            Run r = runWithoutRunners("replay", "level3", "--target", "qemu");
            assertThat(r.status()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(r.err()).startsWith("elastic-lab: runner for target qemu not available yet");
        }

        @Test
        void aControllerForATargetWithoutAChoiceIsABadCommandLine() {
            Run r = run("replay", "level0", "--target", "sim", "--controller", "real");
            assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("--controller applies to the qemu target only; sim has one controller");
        }

        @Test
        void anUnknownControllerIsNamedWithTheAllowedOnes() {
            Run r = run("replay", "level3", "--target", "qemu", "--controller", "slurm");
            assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("unknown controller 'slurm'; allowed: fake, real");
        }

        @Test
        void anInvalidScenarioFileIsReportedAtItsPosition() throws IOException {
            Path bad = dir.resolve("bad.yaml");
            Files.writeString(bad, "name: bad\nslurm-conf: {text: x}\nsteps:\n  - submit: srun hostname\n    tagret: sim\n");
            Run r = run("replay", bad.toString());
            assertThat(r.status()).isEqualTo(ExitCodes.INVALID);
            assertThat(r.err()).isEqualTo("elastic-lab: " + bad + ":5:5: unknown key 'tagret' in submit step; "
                    + "allowed: submit, id, at, versions\n");
        }

        @Test
        void withARunnerItPrintsTheSummaryAndWritesTheReports() throws Exception {
            Target scripted = new OneNodeLab();
            Path reports = dir.resolve("reports");
            Path file = dir.resolve("tiny.yaml");
            Files.writeString(file, """
                    name: tiny
                    slurm-conf:
                      text: |
                        NodeName=n1 State=CLOUD CPUs=1
                        PartitionName=p Nodes=n1
                    steps:
                      - submit: srun -w n1 hostname
                    expect:
                      - hook: resume
                        args: n1
                        within: 2s
                        after: job1
                      - reaches: idle
                        node: n1
                        within: 5s
                    """);
            Run r = run(TargetCatalog.of(Map.of(TargetKind.SIM, scripted)), "replay", file.toString(),
                    "--report-dir", reports.toString(), "--no-color");
            assertThat(r.status()).isEqualTo(ExitCodes.OK);
            assertThat(r.out()).contains("  tiny on sim: PASSED").contains("1 scenario: 1 passed, 0 failed")
                    .contains("report: " + reports.resolve("junit.xml"));
            assertThat(r.err()).contains("[tiny sim 00:00] starting: 1 step, 2 expectations")
                    .contains("[tiny sim 00:00] step 1/1: submit srun -w n1 hostname");
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(getClass().getResource("/junit-report.xsd")).newValidator()
                    .validate(new javax.xml.transform.stream.StreamSource(reports.resolve("junit.xml").toFile()));
            assertThat(Files.readString(reports.resolve("report.html"))).contains("<svg").contains("data-scenario=\"tiny\"");
        }

        @Test
        void aRunOnRealDaemonsNamesTheirSlurmctldVersionInTheSummaryAndTheReports() throws Exception {
            Target real = new OneNodeLab(Optional.of("slurm-wlm 24.11.5"));
            Path reports = dir.resolve("reports");
            Path file = dir.resolve("tiny.yaml");
            Files.writeString(file, """
                    name: tiny
                    slurm-conf:
                      text: |
                        NodeName=n1 State=CLOUD CPUs=1
                    steps:
                      - submit: srun -w n1 hostname
                    """);

            Run r = run(TargetCatalog.of(Map.of(TargetKind.SIM, real)), "replay", file.toString(), "--slurm-version",
                    "24.11", "--report-dir", reports.toString(), "--no-color");

            assertThat(r.out()).startsWith("elastic-lab replay " + file + " --target sim --slurm-version 24.11 "
                    + "(slurmctld -V: slurm-wlm 24.11.5)\n")
                    .contains("Slurm 24.11 (real: slurmctld -V: slurm-wlm 24.11.5)\n");
            assertThat(Files.readString(reports.resolve("junit.xml"))).contains("(slurmctld -V: slurm-wlm 24.11.5)");
        }

        @Test
        void aFailedExpectationExitsWithOne() throws IOException {
            Path file = dir.resolve("tiny.yaml");
            Files.writeString(file, """
                    name: tiny
                    slurm-conf:
                      text: |
                        NodeName=n1 State=CLOUD CPUs=1
                    steps:
                      - submit: srun -w n1 hostname
                    expect:
                      - hook: suspend
                        within: 3s
                    """);
            Run r = run(TargetCatalog.of(Map.of(TargetKind.SIM, new OneNodeLab())), "replay", file.toString());
            assertThat(r.status()).isEqualTo(ExitCodes.FAILED);
            assertThat(r.out()).contains("FAIL expect 1: suspend hook called within 3s after start - suspend was not "
                    + "called between 0s and 3s");
        }
    }

    /** A lab where n1 wakes at 1 s and is idle at 3 s; the resume hook runs at 0.5 s. */
    static final class OneNodeLab implements Target {
        private final Optional<String> slurmctldVersion;

        OneNodeLab() {
            this(Optional.empty());
        }

        /** @param slurmctldVersion what {@code slurmctld -V} of the lab's daemons prints, if they are real */
        OneNodeLab(Optional<String> slurmctldVersion) {
            this.slurmctldVersion = slurmctldVersion;
        }

        @Override
        public Optional<String> slurmctldVersion() {
            return slurmctldVersion;
        }

        @Override
        public TargetKind kind() {
            return TargetKind.SIM;
        }

        @Override
        public Optional<String> cannotRun(Step.Action action) {
            return Optional.empty();
        }

        @Override
        public Optional<String> cannotCheck(Expectation expectation) {
            return Optional.empty();
        }

        @Override
        public TargetSession open(LoadedScenario scenario, ProgressListener progress) {
            List<StateChange> states = List.of(
                    new StateChange(Duration.ZERO, "n1", NodeState.parse("IDLE+CLOUD+POWERED_DOWN")),
                    new StateChange(Duration.ofSeconds(1), "n1", NodeState.parse("ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP")),
                    new StateChange(Duration.ofSeconds(3), "n1", NodeState.parse("IDLE+CLOUD")));
            List<HookCall> hooks = List.of(new HookCall(Duration.ofMillis(500), HookRole.RESUME, List.of("n1")));
            return new TargetSession() {
                Duration now = Duration.ZERO;

                @Override
                public Duration now() {
                    return now;
                }

                @Override
                public void advanceTo(Duration time) {
                    now = time.compareTo(now) > 0 ? time : now;
                }

                @Override
                public Duration pollInterval() {
                    return Duration.ofMillis(250);
                }

                @Override
                public StepResult perform(Step.Action action) {
                    return StepResult.ok("job 1 submitted");
                }

                @Override
                public Observations observations() {
                    return new Observations(states.stream().filter(s -> s.at().compareTo(now) <= 0).toList(),
                            hooks.stream().filter(h -> h.at().compareTo(now) <= 0).toList(), List.of(), Map.of(),
                            Optional.empty(), Optional.empty(), List.of());
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @Nested
    class Lint {
        private Path conf(String mode, boolean resumeFail) throws IOException {
            Path hook = dir.resolve("resume");
            Files.writeString(hook, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString(mode));
            Path file = dir.resolve("slurm.conf");
            Files.writeString(file, "SuspendProgram=" + hook + "\nResumeProgram=" + hook + "\n"
                    + (resumeFail ? "ResumeFailProgram=" + hook + "\n" : "")
                    + "SuspendTime=300\nNodeName=c[1-2] State=CLOUD CPUs=2\nPartitionName=p Nodes=c[1-2]\n");
            return file;
        }

        @Test
        void cleanConfExitsZero() throws IOException {
            Run r = run("lint", "--slurm-conf", conf("rwxr-xr-x", true).toString(), "--strict");
            assertThat(r.status()).isZero();
            assertThat(r.out()).endsWith("0 error(s), 0 warning(s), 1 note(s)\nSlurm 22.05 (emulated)\n");
        }

        @Test
        void warningsFailOnlyWithStrict() throws IOException {
            Path file = conf("rwxr-xr-x", false);
            assertThat(run("lint", "--slurm-conf", file.toString()).status()).isZero();
            Run strict = run("lint", "--slurm-conf", file.toString(), "--strict");
            assertThat(strict.status()).isEqualTo(1);
            assertThat(strict.out()).contains(file + ": warning: [resume-fail-program] no ResumeFailProgram");
        }

        @Test
        void errorsExitTwoWithFileAndLine() throws IOException {
            Path file = conf("rwxrwxr-x", true);
            Run r = run("lint", "--slurm-conf", file.toString());
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.out()).contains(file + ":1: error: [hook-programs] ")
                    .contains(file + ":2: error: [hook-programs] ")
                    .contains(file + ":3: warning: [hook-programs] ");
        }

        @Test
        void oneNodeAddrForEveryNameOfALineIsAccepted() throws IOException {
            Path file = conf("rwxr-xr-x", true);
            Files.writeString(file, Files.readString(file).replace("NodeName=c[1-2] State=CLOUD CPUs=2",
                    "NodeName=c[1-2] State=CLOUD CPUs=2 NodeAddr=127.0.0.1"));
            Run r = run("lint", "--slurm-conf", file.toString(), "--strict");
            assertThat(r.err()).isEmpty();
            assertThat(r.status()).isZero();
        }

        @Test
        void keysSlurmctldRefusesAreErrorsEachAtItsFileAndLine() throws IOException {
            Path file = conf("rwxr-xr-x", true);
            Path included = dir.resolve("accounting.conf");
            Files.writeString(included, "AccountingStorageLoc=/var/log/slurm/accounting\n");
            Files.writeString(file, Files.readString(file) + "CacheGroups=1\nAuthType=auth/slurm\n"
                    + "Include accounting.conf\n");
            Run r = run("lint", "--slurm-conf", file.toString());
            assertThat(r.status()).isEqualTo(ExitCodes.INVALID);
            assertThat(r.out()).contains(file + ":7: error: [slurm-conf] Parsing error at unrecognized key: "
                            + "CacheGroups")
                    .contains(file + ":8: error: [slurm-conf] Couldn't find the specified plugin name for auth/slurm")
                    .contains(included + ":1: error: [slurm-conf] The AccountingStorageLoc option has been removed.")
                    .contains("3 error(s)");
        }

        @Test
        void validateDoesNotSimulateAConfSlurmctldRefuses() throws IOException {
            Path file = conf("rwxr-xr-x", true);
            Files.writeString(file, Files.readString(file) + "CacheGroups=1\n");
            Run r = run("validate", "--slurm-conf", file.toString());
            assertThat(r.status()).isEqualTo(ExitCodes.INVALID);
            assertThat(r.out()).contains(file + ":7: error: [slurm-conf] Parsing error at unrecognized key");
            assertThat(r.err()).contains("is not simulated: slurmctld would not start with it");
        }

        @Test
        void rootLooksForTheControllersProgramsInItsStagedCopy() throws IOException {
            Path root = dir.resolve("controller");
            Path staged = root.resolve("usr/bin/slurm_power");
            Files.createDirectories(staged.getParent());
            Files.writeString(staged, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path file = dir.resolve("slurm.conf");
            Files.writeString(file, "SuspendProgram=/usr/bin/slurm_power\nResumeProgram=/usr/bin/slurm_power\n"
                    + "ResumeFailProgram=/usr/bin/slurm_power\nSuspendTime=300\n"
                    + "NodeName=c[1-2] State=CLOUD CPUs=2\nPartitionName=p Nodes=c[1-2]\n");
            Run onRunner = run("lint", "--slurm-conf", file.toString());
            assertThat(onRunner.status()).isEqualTo(ExitCodes.INVALID);
            assertThat(onRunner.out()).contains(file + ":2: error: [hook-programs] power_save program "
                    + "/usr/bin/slurm_power does not exist on this machine (looked for /usr/bin/slurm_power)");
            Run staged2 = run("lint", "--slurm-conf", file.toString(), "--root", root.toString(), "--strict");
            assertThat(staged2.out()).endsWith("0 error(s), 0 warning(s), 1 note(s)\nSlurm 22.05 (emulated)\n");
            assertThat(staged2.status()).isZero();
        }

        @Test
        void bootTimeTurnsOnTheTimeoutRules() throws IOException {
            Run r = run("lint", "--slurm-conf", conf("rwxr-xr-x", true).toString(), "--boot-time", "75s");
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.out()).contains("error: [resume-timeout] ResumeTimeout=60 for c[1-2] does not exceed the "
                    + "boot time 75 s");
        }

        @Test
        void unreadableConfIsInvalidInput() {
            Run r = run("lint", "--slurm-conf", dir.resolve("missing.conf").toString());
            assertThat(r.status()).isEqualTo(ExitCodes.INVALID);
            assertThat(r.err()).startsWith("elastic-lab: ").contains("missing.conf");
        }

        @Test
        void validateLintsWritesReportsAndSaysScenariosWereNotRun() throws Exception {
            Path reports = dir.resolve("out");
            Run r = runWithoutRunners("validate", "--slurm-conf", conf("rwxr-xr-x", true).toString(), "--scenario",
                    LEVELS.resolve("level0.yaml").toString(), "--report-dir", reports.toString());
            assertThat(r.status()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(r.out()).contains("0 error(s), 0 warning(s), 1 note(s)")
                    .contains("scenario " + LEVELS.resolve("level0.yaml") + ": valid (5 steps, 14 expectations)");
            assertThat(r.err()).contains("runner for target sim not available yet; linted only")
                    .contains("scenario " + LEVELS.resolve("level0.yaml") + " not run: runner for target sim not "
                            + "available yet");
            assertThat(reports.resolve("lint.txt")).exists();
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(getClass().getResource("/junit-report.xsd")).newValidator()
                    .validate(new javax.xml.transform.stream.StreamSource(reports.resolve("lint-junit.xml").toFile()));
            assertThat(Files.readString(reports.resolve("lint-junit.xml"))).contains("name=\"hook-programs\"")
                    .contains("tests=\"10\"").contains("failures=\"0\"");
        }
    }

    @Nested
    class Simulate {
        private Path conf() throws IOException {
            Path file = dir.resolve("slurm.conf");
            Files.writeString(file, "NodeName=c[1-4] State=CLOUD CPUs=8\nPartitionName=p Nodes=c[1-4]\n");
            return file;
        }

        @Test
        void readsAStandardWorkloadFormatTraceAndSaysTheSimulationIsNotAvailableYet() throws IOException {
            Path swf = dir.resolve("w.swf");
            Files.writeString(swf, """
                    ; Version: 2.2
                    ; MaxProcs: 32
                        1      0     10   3600    16   -1   -1   16   7200   -1  1  1  1 -1  1 -1 -1 -1
                        2     60      5    600     8   -1   -1   -1    900   -1  1  1  1 -1  1 -1 -1 -1
                        3    120     -1     -1    -1   -1   -1    4     -1   -1  5  1  1 -1  1 -1 -1 -1
                    """);
            Run r = runWithoutRunners("simulate", "--slurm-conf", conf().toString(), "--workload", swf.toString());
            assertThat(r.status()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(r.out()).contains("workload " + swf + ": 2 jobs over 1m, up to 16 processors (2 nodes of 8 "
                    + "CPUs), 17.3 processor-hours");
            assertThat(r.err()).isEqualTo("elastic-lab: runner for target sim not available yet\n");
        }

        @Test
        void aBadTraceLineIsNamed() throws IOException {
            Path swf = dir.resolve("w.swf");
            Files.writeString(swf, "1 0 10 3600 16 -1 -1 16 7200 -1 1 1 1 -1 1 -1 -1\n");
            Run r = run("simulate", "--slurm-conf", conf().toString(), "--workload", swf.toString());
            assertThat(r.status()).isEqualTo(ExitCodes.INVALID);
            assertThat(r.err()).contains(swf + ":1: a Standard Workload Format line has 18 fields").contains("found 17");
        }

        @Test
        void generatesAWorkloadFromASpec() throws IOException {
            Path spec = dir.resolve("burst.yaml");
            Files.writeString(spec, "jobs: 50\nmean-interval: 30s\nnodes: 1-4\nruntime: 2m-30m\ncpus-per-node: 8\n");
            Run r = runWithoutRunners("simulate", "--slurm-conf", conf().toString(), "--workload", spec.toString());
            assertThat(r.status()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(r.out()).containsPattern("workload .*burst.yaml: 50 jobs over \\S+, up to 32 processors \\(4 "
                    + "nodes of 8 CPUs\\)");
        }

        @Test
        void aBadSpecValueIsNamedWithItsPosition() throws IOException {
            Path spec = dir.resolve("burst.yaml");
            Files.writeString(spec, "jobs: 50\nmean-interval: 30s\nnodes: 4-1\nruntime: 2m\n");
            Run r = run("simulate", "--slurm-conf", conf().toString(), "--workload", spec.toString());
            assertThat(r.status()).isEqualTo(ExitCodes.INVALID);
            assertThat(r.err()).contains(spec + ":3:8: bad value '4-1' for 'nodes': a count or a range LOW-HIGH");
        }
    }
}
