package org.elasticslurm.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.scenarios.catalog.TargetCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line with the built-in sim runner: what {@code ./elastic-lab replay level0} does. */
class ElasticLabSimTest {

    static final Path LEVELS = Path.of(System.getProperty("scenarios.levels", "levels"));

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        return run(java.util.Map.of("ELASTIC_SLURM_VERSION", "22.05"), args);
    }

    private static Run run(java.util.Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = ElasticLab.commandLine(new LabContext(LEVELS, TargetCatalog.builtIn(),
                Clock.fixed(Instant.parse("2026-11-28T15:00:00Z"), ZoneOffset.UTC), new SlurmConfParser(),
                new HookProgramRules(), env));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void replayLevel0WithoutOptionsRunsOnSimAndExitsZeroWhenEveryExpectationHolds() {
        Run r = run("replay", "level0", "--no-color");
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("level0 on sim: PASSED")
                .contains("ok   expect 14: resume-fail hook never called")
                .contains("1 scenario: 1 passed, 0 failed")
                .doesNotContain("FAIL ");
        assertThat(r.out()).containsPattern("hooks: \\S+ resume node1; \\S+ suspend node1");
    }

    @Test
    void replayWithAReportDirWritesJUnitXmlAndHtml() throws IOException {
        Path reports = dir.resolve("reports");
        Run r = run("replay", "level0", "--report-dir", reports.toString(), "--no-color");
        assertThat(r.status()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(reports.resolve("junit.xml"))).contains("failures=\"0\"")
                .contains("level0");
        assertThat(Files.readString(reports.resolve("report.html"))).contains("<svg").contains("node1");
    }

    @Test
    void replayExitsOneWhenAnExpectationDoesNotHoldOnSim() throws IOException {
        String level0 = Files.readString(LEVELS.resolve("level0.yaml"));
        String wrong = level0.replace("name: level0", "name: level0-wrong")
                .replace("  - hook: resume-fail\n    times: 0", "  - hook: resume-fail\n    times: 1");
        assertThat(wrong).isNotEqualTo(level0.replace("name: level0", "name: level0-wrong"));
        Path file = dir.resolve("level0-wrong.yaml");
        Files.writeString(file, wrong);
        Run r = run("replay", file.toString(), "--no-color");
        assertThat(r.status()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("level0-wrong on sim: FAILED").contains("FAIL expect 14");
    }

    @Test
    void stepsSimCannotRunAreReportedNotApplicable() throws IOException {
        String level0 = Files.readString(LEVELS.resolve("level0.yaml"));
        Path file = dir.resolve("with-shell.yaml");
        Files.writeString(file, level0.replace("name: level0", "name: with-shell").replace(
                "    id: slurmd-by-hand\n    at: 3.5s\n",
                "    id: slurmd-by-hand\n    at: 3.5s\n  - run: sinfo -N\n    on: controller\n"));
        Run r = run("replay", file.toString(), "--no-color");
        assertThat(r.out()).contains("not applicable on sim: sim runs no shell commands");
    }

    private Path siteConf(String resumeMode) throws IOException {
        return siteConf(resumeMode, 4, 10, "ResumeTimeout=180\n");
    }

    private Path siteConf(String resumeMode, String timeouts) throws IOException {
        return siteConf(resumeMode, 4, 10, timeouts);
    }

    private Path siteConf(String resumeMode, int nodes, int resumeRate) throws IOException {
        return siteConf(resumeMode, nodes, resumeRate, "ResumeTimeout=180\n");
    }

    private Path siteConf(String resumeMode, int nodes, int resumeRate, String timeouts) throws IOException {
        Path hooks = Files.createDirectories(dir.resolve("hooks"));
        for (String h : new String[] {"resume", "suspend", "resumefail"}) {
            Path p = hooks.resolve(h);
            Files.writeString(p, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                    h.equals("resume") ? resumeMode : "rwxr-xr-x"));
        }
        Path conf = dir.resolve("site.conf");
        Files.writeString(conf, "ClusterName=site\nSlurmctldHost=head\n"
                + "SuspendProgram=" + hooks.resolve("suspend") + "\n"
                + "ResumeProgram=" + hooks.resolve("resume") + "\n"
                + "ResumeFailProgram=" + hooks.resolve("resumefail") + "\n"
                + "SuspendTime=300\nSuspendTimeout=60\n" + timeouts + "ResumeRate=" + resumeRate + "\nTreeWidth=300\n"
                + "NodeName=c[1-" + nodes + "] State=CLOUD CPUs=8 RealMemory=1000\n"
                + "PartitionName=batch Nodes=c[1-" + nodes + "] Default=YES MaxTime=INFINITE State=UP\n");
        return conf;
    }

    @Test
    void validateSimulatesTheSitesConfUnderABurstAndAFailedBoot() throws IOException {
        Run r = run("validate", "--slurm-conf", siteConf("rwxr-xr-x").toString());
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("site-burst on sim: PASSED").contains("site-boot-failure on sim: PASSED")
                .contains("resume-fail c1 called");
    }

    @Test
    void validateSimulatesTheSitesConfByTheChosenVersionsKeys() throws IOException {
        Path conf = siteConf("rwxr-xr-x", "ResumeTimeout=180\nSuspendExcStates=DOWN,DRAIN\n");
        Run r = run(java.util.Map.of(), "validate", "--slurm-conf", conf.toString(), "--slurm-version", "24.11");
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("site-burst on sim: PASSED").contains("site-boot-failure on sim: PASSED")
                .doesNotContain("unrecognized key").endsWith("Slurm 24.11 (emulated)\n");
        Run old = run(java.util.Map.of(), "validate", "--slurm-conf", conf.toString(), "--slurm-version", "22.05");
        assertThat(old.status()).isEqualTo(ExitCodes.INVALID);
        assertThat(old.out()).contains("Parsing error at unrecognized key: SuspendExcStates (slurmctld 22.05");
    }

    @Test
    void validateWaitsForTheScanOfALongPowerSaveIntervalToMarkTheFailedBootDown() throws IOException {
        // batch job allocated at 0.8 s, woken by the scan at 1.8 s; the next scans at 31.8 s and 61.8 s do not
        // pass the strict now > wake + 60 s; the one at 91.8 s marks the node down~ (as the real 22.05 does)
        Run r = run("validate", "--slurm-conf", siteConf("rwxr-xr-x",
                "ResumeTimeout=60\nSlurmctldParameters=power_save_interval=30\n").toString());

        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("site-boot-failure on sim: PASSED").contains("c1: 0s idle~ -> 800ms mix~ -> 1.8s mix# -> 1m31.8s down~")
                .contains("resume-fail c1 called");
    }

    @Test
    void validateSimulatesAParallelClusterLayoutOfRelativeIncludes() throws IOException {
        String site = Files.readString(siteConf("rwxr-xr-x"));
        Path etc = Files.createDirectories(dir.resolve("opt/slurm/etc"));
        Path conf = etc.resolve("slurm.conf");
        Files.writeString(conf, site.replaceAll("(?m)^(NodeName|PartitionName|SuspendTime)=.*\n", "")
                + "include slurm_parallelcluster.conf\n");
        Files.writeString(etc.resolve("slurm_parallelcluster.conf"),
                "SuspendTime=300\ninclude pcluster/slurm_parallelcluster_batch_partition.conf\n");
        Files.createDirectories(etc.resolve("pcluster"));
        Files.writeString(etc.resolve("pcluster/slurm_parallelcluster_batch_partition.conf"),
                "NodeName=batch-dy-c5-[1-4] State=CLOUD CPUs=8 RealMemory=1000\n"
                        + "PartitionName=batch Nodes=batch-dy-c5-[1-4] Default=YES MaxTime=INFINITE State=UP\n");

        Run r = run("validate", "--slurm-conf", conf.toString());

        assertThat(r.err()).doesNotContain("Include");
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("site-burst on sim: PASSED").contains("site-boot-failure on sim: PASSED")
                .contains("resume-fail batch-dy-c5-1 called");
    }

    @Test
    void validateSimulatesAConfIncludingAFileOutsideItsDirectory() throws IOException {
        String site = Files.readString(siteConf("rwxr-xr-x"));
        Path etc = Files.createDirectories(dir.resolve("cluster/etc"));
        Path shared = Files.createDirectories(dir.resolve("cluster/shared"));
        Files.writeString(shared.resolve("nodes.conf"), "NodeName=c[1-4] State=CLOUD CPUs=8 RealMemory=1000\n"
                + "PartitionName=batch Nodes=c[1-4] Default=YES MaxTime=INFINITE State=UP\n");
        Path conf = etc.resolve("slurm.conf");
        Files.writeString(conf, site.replaceAll("(?m)^(NodeName|PartitionName)=.*\n", "")
                + "Include ../shared/nodes.conf\n");

        Run r = run("validate", "--slurm-conf", conf.toString());

        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("site-burst on sim: PASSED");
    }

    @Test
    void validateWithARootChecksAndSimulatesTheControllersStagedPrograms() throws IOException {
        Path root = dir.resolve("controller");
        Path staged = Files.createDirectories(root.resolve("usr/bin")).resolve("slurm_power");
        Files.writeString(staged, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(staged, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = dir.resolve("slurm.conf");
        Files.writeString(conf, Files.readString(siteConf("rwxr-xr-x"))
                .replaceAll("(?m)^(Suspend|Resume|ResumeFail)Program=.*$", "$1Program=/usr/bin/slurm_power"));

        Run onRunner = run("validate", "--slurm-conf", conf.toString());
        assertThat(onRunner.status()).isEqualTo(ExitCodes.INVALID);
        assertThat(onRunner.out()).contains("does not exist on this machine (looked for /usr/bin/slurm_power)")
                .contains("site-burst on sim: FAILED");

        Run withRoot = run("validate", "--slurm-conf", conf.toString(), "--root", root.toString());
        assertThat(withRoot.status()).as(withRoot.out() + withRoot.err()).isEqualTo(ExitCodes.OK);
        assertThat(withRoot.out()).contains("site-burst on sim: PASSED").contains("site-boot-failure on sim: PASSED");
    }

    @Test
    void validateKeepsTheGeneratedSiteScenariosNextToTheReports() throws IOException {
        Path reports = dir.resolve("reports");
        Run r = run("validate", "--slurm-conf", siteConf("rwxr-xr-x").toString(), "--report-dir",
                reports.toString());
        assertThat(r.status()).isEqualTo(ExitCodes.OK);
        assertThat(reports.resolve("site-scenarios/site-burst.yaml")).exists();
        assertThat(Files.readString(reports.resolve("junit.xml")))
                .contains(reports.resolve("site-scenarios/site-boot-failure.yaml").toString());
    }

    @Test
    void validateFailsTheBurstWhenTheSitesResumeProgramIsGroupWritable() throws IOException {
        Run r = run("validate", "--slurm-conf", siteConf("rwxrwxr-x").toString());
        assertThat(r.status()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.out()).contains("[hook-programs]").contains("site-burst on sim: FAILED");
    }

    @Test
    void simulateReportsNodeHoursResumesAndBootWaitOnSim() throws IOException {
        Path spec = dir.resolve("burst.yaml");
        Files.writeString(spec, "jobs: 20\nmean-interval: 60s\nnodes: 1-2\nruntime: 2m-10m\ncpus-per-node: 8\n");
        Run r = run("simulate", "--slurm-conf", siteConf("rwxr-xr-x").toString(), "--workload", spec.toString());
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("jobs: 20 submitted, 20 completed, 0 failed")
                .containsPattern("node-hours powered: \\d+\\.\\d\\d of 4 nodes")
                .containsPattern("resumes: [1-9]\\d* node\\(s\\) woken, 0 failed")
                .containsPattern("queue wait caused by boot latency: [1-9]\\d* job\\(s\\) waited");
    }

    @Test
    void simulateEmulatesTheChosenVersionsResumeRate() throws IOException {
        Path swf = dir.resolve("w.swf");
        Files.writeString(swf, "1 0 10 600 32 -1 -1 32 1200 -1 1 1 1 -1 1 -1 -1 -1\n");
        String conf = siteConf("rwxr-xr-x", 4, 2).toString();
        Run old = run("simulate", "--slurm-conf", conf, "--workload", swf.toString(), "--boot-time", "30s",
                "--slurm-version", "22.05");
        Run newer = run(java.util.Map.of(), "simulate", "--slurm-conf", conf, "--workload", swf.toString(),
                "--boot-time", "30s", "--slurm-version", "24.11");
        assertThat(old.status()).as(old.out() + old.err()).isEqualTo(ExitCodes.OK);
        assertThat(newer.status()).as(newer.out() + newer.err()).isEqualTo(ExitCodes.OK);
        // ResumeRate=2: 22.05 wakes two of the four nodes in its first call, 24.11's token bucket one per 30 s
        assertThat(bootWaitSeconds(old.out())).isLessThan(90);
        assertThat(bootWaitSeconds(newer.out())).isGreaterThanOrEqualTo(90);
        assertThat(newer.out()).endsWith("Slurm 24.11 (emulated)\n");
        assertThat(newer.err()).isEmpty();
    }

    /** The max queue wait caused by boot latency of a simulate report, in whole seconds. */
    private static long bootWaitSeconds(String report) {
        var m = java.util.regex.Pattern.compile("1 job\\(s\\) waited, mean \\S+, max (\\S+),").matcher(report);
        assertThat(m.find()).as(report).isTrue();
        return org.elasticslurm.scenarios.model.Durations.parse(m.group(1)).toSeconds();
    }

    @Test
    void replayOnSimWarnsAboutNoVersionSinceItsSrunClientIsTheChosenVersions() {
        for (String version : new String[] {"26.05", "24.11", "22.05"}) {
            Run r = run(java.util.Map.of(), "replay", "level0", "--target", "sim", "--slurm-version", version);
            assertThat(r.status()).as(version + ": " + r.err()).isEqualTo(ExitCodes.OK);
            assertThat(r.err()).as(version).doesNotContain("warning").doesNotContain("srun is Slurm 22.05's");
        }
    }

    @Test
    void simulateExitsOneWhenTheBootOutlastsResumeTimeout() throws IOException {
        Path spec = dir.resolve("burst.yaml");
        Files.writeString(spec, "jobs: 2\nmean-interval: 60s\nnodes: 1\nruntime: 2m\ncpus-per-node: 8\n");
        Run r = run("simulate", "--slurm-conf", siteConf("rwxr-xr-x").toString(), "--workload", spec.toString(),
                "--boot-time", "5m");
        assertThat(r.status()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).containsPattern("[1-9]\\d* failed resume\\(s\\)");
    }

    @Test
    void validateOfThirtyNodesPrintsOneLinePerTimelineUnderItsHostlist() throws IOException {
        Path reports = dir.resolve("reports");
        Run r = run("validate", "--slurm-conf", siteConf("rwxr-xr-x", 30, 0).toString(), "--burst", "30",
                "--report-dir", reports.toString());
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        // ResumeRate=0: every node is woken at once, so they share one timeline
        assertThat(r.out()).containsPattern("\n    c\\[1-30\\]: 0s idle~ -> \\S+ mix~ -> \\S+ mix# -> ")
                .contains("\n    c[2-30]: 0s idle~\n")
                .doesNotContain("    c11:");
        assertThat(r.out().lines().filter(l -> l.startsWith("    c"))).hasSize(3);
        assertThat(Files.readString(reports.resolve("junit.xml"))).contains("    c[2-30]: 0s idle~");
        assertThat(Files.readString(reports.resolve("report.html")))
                .contains("<g class=\"node-row\" data-node=\"c[2-30]\" data-count=\"29\">");
    }

    @Test
    void validateStatesTheCauseOfAFailedBurstFirstWithItsSlurmConfLine() throws IOException {
        Path conf = siteConf("rwxrwxr-x");
        Run r = run("validate", "--slurm-conf", conf.toString());
        assertThat(r.out()).contains("  site-burst on sim: FAILED  (scenario time 4m, wall 0s)\n"
                + "    cause: power saving is disabled: ResumeProgram " + dir.resolve("hooks/resume")
                + " has group or world write permission (" + conf + ":4)\n");
    }

    @Test
    void validateOfAThousandNodesWritesAnHtmlReportUnderTwoMegabytes() throws IOException {
        Path reports = dir.resolve("reports");
        Run r = run("validate", "--slurm-conf", siteConf("rwxr-xr-x", 1_000, 0).toString(), "--burst", "1000",
                "--report-dir", reports.toString());
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.size(reports.resolve("report.html"))).isLessThan(2_000_000);
        assertThat(r.out()).contains("\n    c[2-1000]: 0s idle~\n");
        assertThat(r.out().lines().count()).isLessThan(40);
    }
}
