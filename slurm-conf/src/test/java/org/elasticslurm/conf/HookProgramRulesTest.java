package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hook checks on real files; expected messages are those of slurmctld 22.05's power_save.c
 * ({@code _valid_prog}, {@code _init_power_config}) as listed in shared/slurm-power-save.md sections 1 and 4.
 */
class HookProgramRulesTest {

    @TempDir
    Path dir;

    private final HookProgramRules rules = new HookProgramRules();

    private Path hook(String name, String mode) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void ownerWritableExecutableIsValid() throws IOException {
        assertThat(rules.problem(hook("resume", "rwxr-xr-x").toString())).isEmpty();
    }

    @Test
    void underARootAnAbsoluteProgramIsCheckedInsideItAndNamedAsWritten() throws IOException {
        Path staged = dir.resolve("stage/usr/bin/slurm_resume");
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rwxrwxr-x"));
        HookProgramRules underRoot = HookProgramRules.under(dir.resolve("stage"));
        assertThat(underRoot.fileOf("/usr/bin/slurm_resume")).isEqualTo(staged);
        assertThat(underRoot.problem("/usr/bin/slurm_resume"))
                .contains("power_save program /usr/bin/slurm_resume has group or world write permission");
        Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(underRoot.problem("/usr/bin/slurm_resume")).isEmpty();
        assertThat(underRoot.problem("/usr/bin/slurm_suspend"))
                .contains("power_save program /usr/bin/slurm_suspend not executable");
    }

    @Test
    void groupWritableIsRefused() throws IOException {
        String program = hook("resume", "rwxrwxr-x").toString();
        assertThat(rules.problem(program))
                .contains("power_save program " + program + " has group or world write permission");
    }

    @Test
    void worldWritableIsRefused() throws IOException {
        String program = hook("resume", "rwxr-xrwx").toString();
        assertThat(rules.problem(program))
                .contains("power_save program " + program + " has group or world write permission");
    }

    @Test
    void notExecutableIsRefused() throws IOException {
        String program = hook("resume", "rw-r--r--").toString();
        assertThat(rules.problem(program)).contains("power_save program " + program + " not executable");
    }

    @Test
    void missingFileIsReportedAsNotExecutable() {
        String program = dir.resolve("nosuch").toString();
        assertThat(rules.problem(program)).contains("power_save program " + program + " not executable");
    }

    @Test
    void relativePathIsRefusedBeforeAnythingElse() {
        assertThat(rules.problem("hooks/resume")).contains("power_save program hooks/resume not absolute pathname");
        assertThat(rules.problem("$LAB/hooks/resume"))
                .contains("power_save program $LAB/hooks/resume not absolute pathname");
    }

    @Test
    void notExecutableIsCheckedBeforeWritePermission() throws IOException {
        String program = hook("resume", "rw-rw-rw-").toString();
        assertThat(rules.problem(program)).contains("power_save program " + program + " not executable");
    }

    private SlurmConf conf(String text) {
        return new SlurmConfParser().parse(text, dir.resolve("slurm.conf"));
    }

    @Test
    void infiniteSuspendTimeDisablesWithADebugLine() throws IOException {
        PowerSaveVerdict v = rules.verdict(conf("SuspendProgram=" + hook("s", "rwxr-xr-x") + "\n"
                + "ResumeProgram=" + hook("r", "rwxr-xr-x") + "\n"));
        assertThat(v.enabled()).isFalse();
        assertThat(v.logLines()).containsExactly("debug:  power_save module disabled, SuspendTime < 0");
    }

    @Test
    void missingSuspendProgramDisables() {
        PowerSaveVerdict v = rules.verdict(conf("SuspendTime=30\n"));
        assertThat(v.enabled()).isFalse();
        assertThat(v.logLines()).containsExactly("error: power_save module disabled, NULL SuspendProgram");
    }

    @Test
    void missingResumeProgramDisables() throws IOException {
        PowerSaveVerdict v = rules.verdict(conf("SuspendTime=30\nSuspendProgram=" + hook("s", "rwxr-xr-x") + "\n"));
        assertThat(v.enabled()).isFalse();
        assertThat(v.logLines()).containsExactly("error: power_save module disabled, NULL ResumeProgram");
    }

    @Test
    void invalidSuspendProgramDisablesBeforeResumeProgramIsLookedAt() throws IOException {
        Path suspend = hook("s", "rwxrwxr-x");
        PowerSaveVerdict v = rules.verdict(conf("SuspendTime=30\nSuspendProgram=" + suspend + "\n"));
        assertThat(v.enabled()).isFalse();
        assertThat(v.logLines()).containsExactly(
                "error: power_save program " + suspend + " has group or world write permission",
                "error: power_save module disabled, invalid SuspendProgram " + suspend);
    }

    @Test
    void invalidResumeProgramDisables() throws IOException {
        Path resume = dir.resolve("missing-resume");
        PowerSaveVerdict v = rules.verdict(conf("SuspendTime=30\nSuspendProgram=" + hook("s", "rwxr-xr-x")
                + "\nResumeProgram=" + resume + "\n"));
        assertThat(v.enabled()).isFalse();
        assertThat(v.resumeFailProgram()).isEmpty();
        assertThat(v.logLines()).containsExactly(
                "error: power_save program " + resume + " not executable",
                "error: power_save module disabled, invalid ResumeProgram " + resume);
    }

    @Test
    void invalidResumeFailProgramIsDroppedButPowerSaveStaysOn() throws IOException {
        Path fail = hook("f", "rwxr-xrwx");
        PowerSaveVerdict v = rules.verdict(conf("SuspendTime=30\nSuspendProgram=" + hook("s", "rwxr-xr-x")
                + "\nResumeProgram=" + hook("r", "rwxr-xr-x") + "\nResumeFailProgram=" + fail + "\n"));
        assertThat(v.enabled()).isTrue();
        assertThat(v.resumeFailProgram()).isEmpty();
        assertThat(v.logLines()).containsExactly(
                "error: power_save program " + fail + " has group or world write permission");
    }

    @Test
    void validProgramsEnableWithoutLogLines() throws IOException {
        Path fail = hook("f", "rwxr-xr-x");
        PowerSaveVerdict v = rules.verdict(conf("SuspendTime=30\nSuspendProgram=" + hook("s", "rwxr-xr-x")
                + "\nResumeProgram=" + hook("r", "rwxr-xr-x") + "\nResumeFailProgram=" + fail + "\n"));
        assertThat(v.enabled()).isTrue();
        assertThat(v.resumeFailProgram()).contains(fail.toString());
        assertThat(v.logLines()).isEmpty();
    }

    @Test
    void partitionSuspendTimeEnablesWhenTheGlobalOneIsInfinite() throws IOException {
        PowerSaveVerdict v = rules.verdict(conf("SuspendProgram=" + hook("s", "rwxr-xr-x")
                + "\nResumeProgram=" + hook("r", "rwxr-xr-x")
                + "\nNodeName=c1 State=CLOUD\nPartitionName=p Nodes=c1 SuspendTime=60\n"));
        assertThat(v.enabled()).isTrue();
        assertThat(v.logLines()).isEmpty();
    }

    // 26.05.5's messages, as recorded from the real daemon (differential hook-*.real-26.05.trace, slurmctld.log)

    /** 26.05 reports a missing program as not found; 24.11 words the checks as 22.05 does. */
    @ParameterizedTest(name = "{0}: a missing program is \"{1}\"")
    @CsvSource({"V26_05, not found", "V24_11, not executable", "V22_05, not executable"})
    void aMissingProgramIsNotFoundOn2605AndNotExecutableBefore(SlurmVersion version, String wording) {
        String program = dir.resolve("nosuch").toString();
        assertThat(rules.forVersion(version).problem(program))
                .contains("power_save program " + program + " " + wording);
    }

    @Test
    void slurm2605SaysIsNotExecutable() throws IOException {
        String program = hook("resume", "rw-r--r--").toString();
        assertThat(rules.forVersion(SlurmVersion.V26_05).problem(program))
                .contains("power_save program " + program + " is not executable");
    }

    @Test
    void slurm2605DisablesAutomaticPowerSaveWithItsPowerActionLines() throws IOException {
        Path resume = hook("r", "rwxrwxr-x");
        PowerSaveVerdict v = rules.forVersion(SlurmVersion.V26_05).verdict(conf("SuspendTime=30\nSuspendProgram="
                + hook("s", "rwxr-xr-x") + "\nResumeProgram=" + resume + "\n"));
        assertThat(v.enabled()).isFalse();
        assertThat(v.logLines()).containsExactly(
                "error: power_save program " + resume + " has group or world write permission",
                "error: Invalid ResumeProgram PowerAction __resumeprog__ (" + resume + ")",
                "debug:  power: No valid ResumeProgram",
                "power: automatic power save mode disabled");
    }
}
