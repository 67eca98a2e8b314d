package org.elasticslurm.scenarios.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.elasticslurm.scenarios.target.SlurmctldVersion.ReportNote;
import org.junit.jupiter.api.Test;

class SlurmctldVersionTest {

    @Test
    void anEmulatedSlurmctldIsCalledEmulatedInTheSummaryAndNotNamedInTheTitle() {
        ReportNote note = new SlurmctldVersion.Emulated().reportNote();

        assertThat(note.summary()).isEqualTo("emulated");
        assertThat(note.title()).isEmpty();
    }

    @Test
    void aRealSlurmctldWhoseVersionWasReadQuotesItsVersionLineInBoth() {
        ReportNote note = new SlurmctldVersion.Read("slurm-wlm 24.11.5").reportNote();

        assertThat(note.summary()).isEqualTo("real: slurmctld -V: slurm-wlm 24.11.5");
        assertThat(note.title()).hasValue("slurmctld -V: slurm-wlm 24.11.5");
    }

    @Test
    void aRealSlurmctldWhoseVersionWasNotReadSaysWhyInBoth() {
        ReportNote note = new SlurmctldVersion.Unread("/opt/slurm/sbin/slurmctld -V exited 70").reportNote();

        assertThat(note.summary())
                .isEqualTo("real slurmctld; its version was not read: /opt/slurm/sbin/slurmctld -V exited 70");
        assertThat(note.title()).hasValue(note.summary());
    }
}
