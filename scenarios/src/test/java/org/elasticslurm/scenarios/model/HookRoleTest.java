package org.elasticslurm.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.elasticslurm.conf.SlurmConfParser;
import org.junit.jupiter.api.Test;

class HookRoleTest {

    @Test
    void eachRoleNamesTheProgramOfItsOwnSlurmConfKey() {
        var conf = new SlurmConfParser().parse("SuspendProgram=/x/suspend\nResumeProgram=/x/resume\n"
                + "ResumeFailProgram=/x/fail\nNodeName=n1 State=CLOUD\n", Path.of("slurm.conf"));

        assertThat(HookRole.RESUME.program(conf.powerSave())).contains("/x/resume");
        assertThat(HookRole.SUSPEND.program(conf.powerSave())).contains("/x/suspend");
        assertThat(HookRole.RESUME_FAIL.program(conf.powerSave())).contains("/x/fail");
    }

    @Test
    void aRoleWhoseKeyIsUnsetHasNoProgram() {
        var conf = new SlurmConfParser().parse("ResumeProgram=/x/resume\nNodeName=n1 State=CLOUD\n",
                Path.of("slurm.conf"));

        assertThat(HookRole.RESUME_FAIL.program(conf.powerSave())).isEmpty();
    }
}
