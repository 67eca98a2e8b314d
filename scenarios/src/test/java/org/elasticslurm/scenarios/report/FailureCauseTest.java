package org.elasticslurm.scenarios.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureCauseTest {

    @Test
    void slurmctldDisablingPowerSavingIsTheCauseNamingTheKeyProgramAndProblem() {
        var cause = FailureCause.of(ManyNodeReports.powerSaveDisabled(4, "/etc/slurm/resume"));

        assertThat(cause).contains(new FailureCause("power saving is disabled: ResumeProgram /etc/slurm/resume has "
                + "group or world write permission", Optional.of("ResumeProgram")));
    }

    @Test
    void withoutAPowerSaveProblemTheFirstFailedExpectationIsTheCause() {
        var cause = FailureCause.of(SampleReports.failingBurst());

        assertThat(cause.map(FailureCause::text)).contains("expect 1 (resume hook called with n[1-2] within 2s after "
                + "job1): resume n[1-2] was not called between 0s and 2s; other calls: n1 at 1s");
    }

    @Test
    void aPassedRunHasNoCause() {
        assertThat(FailureCause.of(ManyNodeReports.burst(4, 2))).isEmpty();
        assertThat(ManyNodeReports.burst(4, 2).failureCause()).isEmpty();
    }
}
