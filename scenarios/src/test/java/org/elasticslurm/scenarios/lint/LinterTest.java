package org.elasticslurm.scenarios.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinterTest {
    @TempDir
    Path dir;

    private final Linter linter = Linter.standard(new HookProgramRules());
    private Path resume;
    private Path suspend;
    private Path resumeFail;

    @BeforeEach
    void hooks() throws IOException {
        resume = program("resume", "rwxr-xr-x");
        suspend = program("suspend", "rwxr-xr-x");
        resumeFail = program("resumefail", "rwxr-xr-x");
    }

    private Path program(String name, String mode) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        return p;
    }

    /** A clean elastic conf: line 1-5 programs and timeouts, then the given lines. */
    private String conf(String... lines) {
        return String.join("\n",
                "ClusterName=lab",
                "SuspendProgram=" + suspend,
                "ResumeProgram=" + resume,
                "ResumeFailProgram=" + resumeFail,
                "SuspendTime=300") + "\n" + String.join("\n", lines) + "\n";
    }

    private LintReport lint(String text, LintOptions options) throws IOException {
        Path file = dir.resolve("slurm.conf");
        Files.writeString(file, text);
        return linter.lint(new SlurmConfParser(SlurmVersion.V22_05).parse(file), options, SlurmVersion.V22_05);
    }

    private List<Finding> findings(String rule, String text, SlurmVersion version) throws IOException {
        Path file = dir.resolve("slurm.conf");
        Files.writeString(file, text);
        return linter.lint(new SlurmConfParser(version).parse(file), LintOptions.none(), version).findings().stream()
                .filter(f -> f.rule().equals(rule)).toList();
    }

    private List<Finding> findings(String rule, String text, LintOptions options) throws IOException {
        return lint(text, options).findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    private List<Finding> findings(String rule, String text) throws IOException {
        return findings(rule, text, LintOptions.none());
    }

    private static LintOptions boot(int seconds) {
        return new LintOptions(Optional.of(Duration.ofSeconds(seconds)), OptionalInt.empty());
    }

    private static final String CLOUD = "NodeName=c[1-4] State=CLOUD CPUs=2";
    private static final String PART = "PartitionName=cloud Nodes=c[1-4] Default=YES";

    @Test
    void aKeySetInAnIncludedFileIsReportedAtThatFilesLine() throws IOException {
        Path included = dir.resolve("conf.d/power.conf");
        Files.createDirectories(included.getParent());
        Files.writeString(included, "# power saving\nTreeWidth=2\n");
        LintReport report = lint(conf(CLOUD, PART, "Include conf.d/power.conf"), LintOptions.none());
        assertThat(report.findings()).filteredOn(f -> f.rule().equals("tree-width")).singleElement()
                .satisfies(f -> assertThat(f.location()).isEqualTo(included + ":2"));
    }

    @Test
    void whatTheDaemonLogsAndIgnoresIsASlurmConfWarningAtItsLine() throws IOException {
        LintReport report = lint(conf(CLOUD, PART, "ReconfigFlags=KeepPowerSaveSettings"), LintOptions.none());
        assertThat(report.findings()).filteredOn(f -> f.rule().equals(SlurmConfRule.ID)).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.line()).isEqualTo(8);
                    assertThat(f.message()).startsWith("Invalid ReconfigFlag: KeepPowerSaveSettings");
                });
    }

    @Test
    void aCleanElasticConfHasNoWarningsOrErrors() throws IOException {
        LintReport report = lint(conf("ResumeTimeout=120", CLOUD, PART), boot(60));
        assertThat(report.findings()).filteredOn(f -> f.severity() != Severity.INFO).isEmpty();
        assertThat(report.exitStatus(true)).isZero();
    }

    @Nested
    class HookPrograms {
        @Test
        void groupWritableResumeProgramIsAnErrorAtItsLineInTheDaemonsWords() throws IOException {
            Files.setPosixFilePermissions(resume, PosixFilePermissions.fromString("rwxrwxr-x"));
            LintReport report = lint(conf(CLOUD, PART), LintOptions.none());
            assertThat(report.findings()).filteredOn(f -> f.rule().equals("hook-programs")).singleElement()
                    .satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.ERROR);
                        assertThat(f.line()).isEqualTo(3);
                        // the daemon's own check, in its words (HookProgramRules), then what it leads to
                        assertThat(f.message()).startsWith(new HookProgramRules().problem(resume.toString()).get()
                                        + ": slurmctld disables power saving entirely")
                                .contains("write permission")
                                .contains("power_save module disabled, invalid ResumeProgram " + resume)
                                .endsWith("chmod go-w the program (slurmctld refuses group write too, not only world "
                                        + "write)");
                    });
            assertThat(report.exitStatus(false)).isEqualTo(LintReport.ERRORS);
        }

        @Test
        void for2605AGroupWritableResumeProgramIsReportedIn2605sWords() throws IOException {
            Files.setPosixFilePermissions(resume, PosixFilePermissions.fromString("rwxrwxr-x"));
            assertThat(findings("hook-programs", conf(CLOUD, PART), SlurmVersion.V26_05)).singleElement()
                    .satisfies(f -> assertThat(f.message()).startsWith("power_save program " + resume
                                    + " has group or world write permission: slurmctld disables power saving entirely"
                                    + " (\"Invalid ResumeProgram PowerAction __resumeprog__ (" + resume + ")\", "
                                    + "\"power: automatic power save mode disabled\")")
                            .doesNotContain("power_save module disabled"));
            assertThat(findings("hook-programs", conf(CLOUD, PART), SlurmVersion.V24_11)).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("(\"power_save module disabled, invalid "
                            + "ResumeProgram " + resume + "\")"));
        }

        @Test
        void for2605AProgramWithoutExecuteBitsIsNotExecutableAndAMissingOneNotFound() throws IOException {
            Files.setPosixFilePermissions(resume, PosixFilePermissions.fromString("rw-r--r--"));
            Files.delete(suspend);
            List<Finding> findings = findings("hook-programs", conf(CLOUD, PART), SlurmVersion.V26_05);
            assertThat(findings).filteredOn(f -> f.line() == 3).singleElement().satisfies(f -> assertThat(
                    f.message()).startsWith("power_save program " + resume + " is not executable: slurmctld disables"));
            assertThat(findings).filteredOn(f -> f.line() == 2).singleElement().satisfies(f -> assertThat(
                    f.message()).contains("if so on the controller, slurmctld disables power saving entirely"
                            + " (\"power_save program " + suspend + " not found\", \"Invalid SuspendProgram PowerAction"
                            + " __suspendprog__ (" + suspend + ")\", \"power: automatic power save mode disabled\")"));
            assertThat(findings("hook-programs", conf(CLOUD, PART), SlurmVersion.V22_05))
                    .filteredOn(f -> f.line() == 2).singleElement().satisfies(f -> assertThat(f.message())
                            .contains("(\"power_save program " + suspend + " not executable\", \"power_save module "
                                    + "disabled, invalid SuspendProgram " + suspend + "\")"));
        }

        @Test
        void worldWritableSuspendProgramIsAnError() throws IOException {
            Files.setPosixFilePermissions(suspend, PosixFilePermissions.fromString("rwxr-xrwx"));
            assertThat(findings("hook-programs", conf(CLOUD, PART))).singleElement()
                    .satisfies(f -> assertThat(f.line()).isEqualTo(2))
                    .satisfies(f -> assertThat(f.message()).contains("write permission").contains(suspend.toString()));
        }

        @Test
        void missingProgramIsSaidToBeMissingOnThisMachineNotWronglyModed() throws IOException {
            Files.delete(resume);
            assertThat(findings("hook-programs", conf(CLOUD, PART))).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.message()).startsWith("power_save program " + resume + " does not exist on this machine"
                        + " (looked for " + resume + "); if so on the controller, slurmctld disables power saving")
                        .contains("pass --root DIR");
            });
        }

        @Test
        void underARootProgramsAreCheckedInTheStagedCopy() throws IOException {
            Path root = dir.resolve("controller");
            for (String name : List.of("slurm_resume", "slurm_suspend")) {
                Path staged = root.resolve("usr/bin/" + name);
                Files.createDirectories(staged.getParent());
                Files.writeString(staged, "#!/bin/sh\nexit 0\n");
                Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            String text = conf(CLOUD, PART).replace("ResumeProgram=" + resume, "ResumeProgram=/usr/bin/slurm_resume")
                    .replace("SuspendProgram=" + suspend, "SuspendProgram=/usr/bin/slurm_suspend")
                    .replace("ResumeFailProgram=" + resumeFail, "ResumeFailProgram=/usr/bin/slurm_fail");
            LintOptions underRoot = new LintOptions(Optional.empty(), OptionalInt.empty(), Optional.of(root));
            assertThat(findings("hook-programs", text, underRoot)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.line()).isEqualTo(4);
                assertThat(f.message()).startsWith("power_save program /usr/bin/slurm_fail does not exist on this "
                        + "machine (looked for " + root.resolve("usr/bin/slurm_fail") + ")");
            });

            Files.setPosixFilePermissions(root.resolve("usr/bin/slurm_resume"),
                    PosixFilePermissions.fromString("rwxrwxr-x"));
            assertThat(findings("hook-programs", text, underRoot)).filteredOn(f -> f.line() == 3).singleElement()
                    .satisfies(f -> assertThat(f.message()).startsWith("power_save program /usr/bin/slurm_resume has "
                            + "group or world write permission"));
        }

        @Test
        void withoutExecuteBitsAnExistingProgramIsNotExecutableAsTheDaemonSaysIt() throws IOException {
            Files.setPosixFilePermissions(resume, PosixFilePermissions.fromString("rw-r--r--"));
            assertThat(findings("hook-programs", conf(CLOUD, PART))).singleElement()
                    .satisfies(f -> assertThat(f.message()).startsWith("power_save program " + resume + " not executable"));
        }

        @Test
        void relativeProgramIsRefused() throws IOException {
            String text = conf(CLOUD, PART).replace("ResumeProgram=" + resume, "ResumeProgram=hooks/resume");
            assertThat(findings("hook-programs", text)).singleElement()
                    .satisfies(f -> assertThat(f.message()).startsWith("power_save program hooks/resume not absolute pathname"));
        }

        @Test
        void unsetResumeProgramDisablesPowerSaving() throws IOException {
            String text = conf(CLOUD, PART).replace("ResumeProgram=" + resume + "\n", "");
            assertThat(findings("hook-programs", text)).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR))
                    .satisfies(f -> assertThat(f.line()).isZero())
                    .satisfies(f -> assertThat(f.message()).contains("NULL ResumeProgram"));
        }

        @Test
        void badResumeFailProgramIsOnlyAWarningBecausePowerSavingStaysOn() throws IOException {
            Files.setPosixFilePermissions(resumeFail, PosixFilePermissions.fromString("rwxrwxr-x"));
            assertThat(findings("hook-programs", conf(CLOUD, PART))).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING))
                    .satisfies(f -> assertThat(f.line()).isEqualTo(4))
                    .satisfies(f -> assertThat(f.message()).contains("slurmctld drops ResumeFailProgram"));
        }

        @Test
        void cloudNodesWithoutSuspendTimeAreNeverResumed() throws IOException {
            String text = conf(CLOUD, PART).replace("SuspendTime=300", "SuspendTime=INFINITE");
            assertThat(findings("hook-programs", text)).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR))
                    .satisfies(f -> assertThat(f.message()).contains("power saving is off").contains("c[1-4]"));
        }
    }

    @Nested
    class CloudCpus {
        @Test
        void cloudNodesWithoutCpusAreNamedAtTheirLine() throws IOException {
            assertThat(findings("cloud-cpus", conf("NodeName=c[1-4] State=CLOUD", PART))).singleElement()
                    .satisfies(f -> assertThat(f.line()).isEqualTo(6))
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING))
                    .satisfies(f -> assertThat(f.message()).startsWith("CLOUD node(s) c[1-4] declare no CPUs"));
        }

        @Test
        void aSocketLayoutCountsAsCpuSpecs() throws IOException {
            assertThat(findings("cloud-cpus", conf("NodeName=c[1-4] State=CLOUD Sockets=2", PART))).isEmpty();
        }

        @Test
        void staticNodesNeedNoCpuSpecsHere() throws IOException {
            assertThat(findings("cloud-cpus", conf("NodeName=s1", CLOUD,
                    "PartitionName=p Nodes=s1,c[1-4]", "SuspendExcNodes=s1"))).isEmpty();
        }
    }

    @Nested
    class TreeWidth {
        @Test
        void defaultTreeWidthBelowTheNodeCountIsReportedForTheFile() throws IOException {
            assertThat(findings("tree-width", conf("NodeName=c[1-60] State=CLOUD CPUs=1",
                    "PartitionName=p Nodes=c[1-60]"))).singleElement()
                    .satisfies(f -> assertThat(f.line()).isZero())
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING))
                    .satisfies(f -> assertThat(f.message()).startsWith("TreeWidth (not set: Slurm 22.05's default, 50)"
                            + " is below the 60 nodes").contains("set TreeWidth=60 (or more)"));
        }

        @Test
        void nodeCountBetweenTheVersionsDefaultsIsOnlyANoteForTheNewerVersions() throws IOException {
            String text = conf("NodeName=c[1-20] State=CLOUD CPUs=1", "PartitionName=p Nodes=c[1-20]");
            assertThat(findings("tree-width", text, SlurmVersion.V22_05)).isEmpty();
            for (SlurmVersion v : List.of(SlurmVersion.V24_11, SlurmVersion.V26_05)) {
                assertThat(findings("tree-width", text, v)).singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.INFO);
                    assertThat(f.message()).startsWith("TreeWidth (not set: Slurm " + v + "'s default, 16) is below"
                            + " the 20 nodes").contains("Slurm " + v + "'s slurm.conf(5) no longer asks for TreeWidth"
                            + " >= the node count with CLOUD nodes (22.05's did)");
                });
            }
        }

        @Test
        void suspendExcStatesIsNotedAsSimulatedForTheVersionsThatHaveIt() throws IOException {
            String text = conf("SuspendExcStates=DOWN,DRAIN", CLOUD, PART);
            assertThat(findings("suspend-exc-states", text, SlurmVersion.V26_05)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.INFO);
                assertThat(f.line()).isEqualTo(6);
                assertThat(f.message()).isEqualTo("SuspendExcStates=DOWN,DRAIN: Slurm 26.05 does not power down idle"
                        + " nodes in these states (an admin's POWER_DOWN still does); the simulation of validate and"
                        + " simulate does the same");
            });
            assertThat(findings("suspend-exc-states", conf(CLOUD, PART), SlurmVersion.V24_11)).isEmpty();
        }

        @Test
        void cloudDnsNeedsNoWideTree() throws IOException {
            String text = conf("TreeWidth=2", "SlurmctldParameters=cloud_dns", CLOUD, PART);
            assertThat(findings("tree-width", text)).isEmpty();
            assertThat(findings("tree-width", text, SlurmVersion.V24_11)).isEmpty();
        }

        @Test
        void writtenTreeWidthIsReportedAtItsLine() throws IOException {
            assertThat(findings("tree-width", conf("TreeWidth=2", CLOUD, PART))).singleElement()
                    .satisfies(f -> assertThat(f.line()).isEqualTo(6));
        }

        @Test
        void wideEnoughTreeIsFine() throws IOException {
            assertThat(findings("tree-width", conf("TreeWidth=4", CLOUD, PART))).isEmpty();
        }
    }

    @Nested
    class StaticNodes {
        private static final String MIXED = "PartitionName=all Nodes=s[1-2],c[1-4] Default=YES";

        @Test
        void staticNodesLeftSuspendableAreNamedAtTheirLine() throws IOException {
            assertThat(findings("static-nodes-suspendable", conf("NodeName=s[1-2] CPUs=4", CLOUD, MIXED)))
                    .singleElement()
                    .satisfies(f -> assertThat(f.line()).isEqualTo(6))
                    .satisfies(f -> assertThat(f.message()).startsWith("static node(s) s[1-2] (not State=CLOUD)"));
        }

        @Test
        void suspendExcNodesKeepsThemUp() throws IOException {
            assertThat(findings("static-nodes-suspendable",
                    conf("NodeName=s[1-2] CPUs=4", CLOUD, MIXED, "SuspendExcNodes=s[1-2]"))).isEmpty();
        }

        @Test
        void suspendExcPartsKeepsThemUp() throws IOException {
            assertThat(findings("static-nodes-suspendable", conf("NodeName=s[1-2] CPUs=4", CLOUD,
                    "PartitionName=static Nodes=s[1-2]", PART, "SuspendExcParts=static"))).isEmpty();
        }

        @Test
        void aCountedExclusionLeavesTheRestSuspendable() throws IOException {
            assertThat(findings("static-nodes-suspendable",
                    conf("NodeName=s[1-2] CPUs=4", CLOUD, MIXED, "SuspendExcNodes=s[1-2]:1"))).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("a counted SuspendExcNodes set keeps only some"));
        }

        @Test
        void onlyTheExcludedPartOfALineIsLeftOut() throws IOException {
            assertThat(findings("static-nodes-suspendable",
                    conf("NodeName=s[1-2] CPUs=4", CLOUD, MIXED, "SuspendExcNodes=s1"))).singleElement()
                    .satisfies(f -> assertThat(f.message()).startsWith("static node(s) s2 "));
        }

        @Test
        void withoutPowerSavingNothingIsSuspended() throws IOException {
            String text = conf("NodeName=s[1-2] CPUs=4", "PartitionName=p Nodes=s[1-2]")
                    .replace("SuspendTime=300", "SuspendTime=INFINITE");
            assertThat(findings("static-nodes-suspendable", text)).isEmpty();
        }
    }

    @Nested
    class ResumeTimeout {
        @Test
        void resumeTimeoutBelowTheBootTimeIsAnError() throws IOException {
            assertThat(findings("resume-timeout", conf("ResumeTimeout=60", CLOUD, PART), boot(75))).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR))
                    .satisfies(f -> assertThat(f.line()).isEqualTo(6))
                    .satisfies(f -> assertThat(f.message()).startsWith("ResumeTimeout=60 for c[1-4] does not exceed the "
                            + "boot time 75 s").endsWith("set ResumeTimeout to at least 94 s"));
        }

        @Test
        void theDefaultSixtySecondsIsReportedForTheFile() throws IOException {
            assertThat(findings("resume-timeout", conf(CLOUD, PART), boot(75))).singleElement()
                    .satisfies(f -> assertThat(f.line()).isZero())
                    .satisfies(f -> assertThat(f.message()).startsWith("ResumeTimeout=60 "));
        }

        @Test
        void littleHeadroomIsAWarning() throws IOException {
            assertThat(findings("resume-timeout", conf("ResumeTimeout=90", CLOUD, PART), boot(75))).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        }

        @Test
        void enoughHeadroomIsFine() throws IOException {
            assertThat(findings("resume-timeout", conf("ResumeTimeout=120", CLOUD, PART), boot(75))).isEmpty();
        }

        @Test
        void aPartitionTimeoutIsReportedAtThePartitionLine() throws IOException {
            assertThat(findings("resume-timeout", conf("ResumeTimeout=600", CLOUD,
                    "PartitionName=cloud Nodes=c[1-4] ResumeTimeout=30"), boot(75))).singleElement()
                    .satisfies(f -> assertThat(f.line()).isEqualTo(8))
                    .satisfies(f -> assertThat(f.message()).startsWith("ResumeTimeout=30 for c[1-4]"));
        }

        @Test
        void withoutABootTimeItSaysWhatWasNotChecked() throws IOException {
            assertThat(findings("resume-timeout", conf(CLOUD, PART))).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO))
                    .satisfies(f -> assertThat(f.message()).startsWith("no boot time given (--boot-time)"));
        }
    }

    @Nested
    class SuspendTime {
        @Test
        void suspendTimeShorterThanABootIsAWarningAtItsLine() throws IOException {
            String text = conf("ResumeTimeout=120", CLOUD, PART).replace("SuspendTime=300", "SuspendTime=15");
            assertThat(findings("suspend-time", text, boot(40))).singleElement()
                    .satisfies(f -> assertThat(f.line()).isEqualTo(5))
                    .satisfies(f -> assertThat(f.message()).startsWith("SuspendTime=15 for c[1-4] is shorter than a "
                            + "boot (40 s)"));
        }

        @Test
        void suspendTimeLongerThanABootIsFine() throws IOException {
            assertThat(findings("suspend-time", conf(CLOUD, PART), boot(40))).isEmpty();
        }
    }

    @Nested
    class Rates {
        private static final String EIGHT = "NodeName=c[1-8] State=CLOUD CPUs=1";
        private static final String EIGHT_PART = "PartitionName=p Nodes=c[1-8]";

        @Test
        void resumeRateBelowTheCloudNodeCountStarvesABurst() throws IOException {
            assertThat(findings("rates", conf("ResumeRate=4", EIGHT, EIGHT_PART))).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING))
                    .satisfies(f -> assertThat(f.line()).isEqualTo(6))
                    .satisfies(f -> assertThat(f.message()).startsWith("ResumeRate=4 starves a burst of all 8 CLOUD "
                            + "nodes (the default up to 32 CLOUD nodes; give --burst N): only 4 are started per "
                            + "minute, the last about 1 min after"));
        }

        @Test
        void aSmallerBurstFits() throws IOException {
            assertThat(findings("rates", conf("ResumeRate=4", EIGHT, EIGHT_PART),
                    new LintOptions(Optional.empty(), OptionalInt.of(4)))).isEmpty();
        }

        @Test
        void aLargerBurstIsCountedInMinutes() throws IOException {
            assertThat(findings("rates", conf("ResumeRate=4", EIGHT, EIGHT_PART),
                    new LintOptions(Optional.empty(), OptionalInt.of(20)))).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("a burst of 20 nodes").contains("about 4 min"));
        }

        @Test
        void aLargeSiteIsMeasuredAgainstATenthOfItsCloudNodesByDefault() throws IOException {
            String nodes = "NodeName=c[1-2000] State=CLOUD CPUs=1";
            String part = "PartitionName=p Nodes=c[1-2000]";
            assertThat(findings("rates", conf("ResumeRate=300", nodes, part)))
                    .noneMatch(f -> f.severity() == Severity.WARNING);
            assertThat(findings("rates", conf("ResumeRate=100", nodes, part)))
                    .filteredOn(f -> f.severity() == Severity.WARNING).singleElement()
                    .satisfies(f -> assertThat(f.message()).startsWith("ResumeRate=100 starves a burst of 200 of the "
                            + "2000 CLOUD nodes (the default: a tenth of them, at least 32; give --burst N): only 100 "
                            + "are started per minute, the last about 1 min after"));
        }

        @Test
        void aMidSizedSiteIsMeasuredAgainstAtLeastThirtyTwoNodesByDefault() {
            assertThat(LintOptions.defaultBurst(8)).isEqualTo(8);
            assertThat(LintOptions.defaultBurst(100)).isEqualTo(32);
            assertThat(LintOptions.defaultBurst(1_000)).isEqualTo(100);
        }

        @Test
        void unlimitedRateIsFine() throws IOException {
            assertThat(findings("rates", conf("ResumeRate=0", EIGHT, EIGHT_PART))).isEmpty();
        }

        @Test
        void slowSuspendRateIsANote() throws IOException {
            assertThat(findings("rates", conf("SuspendRate=2", EIGHT, EIGHT_PART))).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO))
                    .satisfies(f -> assertThat(f.message()).contains("over about 4 min"));
        }
    }

    @Nested
    class ResumeFailProgram {
        @Test
        void missingResumeFailProgramIsAWarning() throws IOException {
            String text = conf(CLOUD, PART).replace("ResumeFailProgram=" + resumeFail + "\n", "");
            LintReport report = lint(text, LintOptions.none());
            assertThat(report.findings()).filteredOn(f -> f.rule().equals("resume-fail-program")).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
            assertThat(report.exitStatus(false)).isEqualTo(LintReport.CLEAN);
            assertThat(report.exitStatus(true)).isEqualTo(LintReport.WARNINGS);
        }

        @Test
        void withoutCloudNodesItIsNotNeeded() throws IOException {
            String text = conf("NodeName=s1", "PartitionName=p Nodes=s1", "SuspendExcNodes=s1")
                    .replace("ResumeFailProgram=" + resumeFail + "\n", "");
            assertThat(findings("resume-fail-program", text)).isEmpty();
        }
    }

    @Test
    void findingsPrintAsFileLineSeverityRule() {
        Finding f = new Finding("tree-width", Severity.WARNING, Path.of("slurm.conf"), 7, "msg");
        assertThat(f).hasToString("slurm.conf:7: warning: [tree-width] msg");
        assertThat(new Finding("x", Severity.INFO, Path.of("a.conf"), 0, "m")).hasToString("a.conf: info: [x] m");
    }
}
