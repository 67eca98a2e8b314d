package org.elasticslurm.scenarios.target.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.elasticslurm.scenarios.target.ControllerKind;
import org.elasticslurm.scenarios.target.SlurmctldVersion;
import org.junit.jupiter.api.Test;

/** The version line of a qemu-target run names the slurmctld it ran. */
class QemuTargetSlurmctldTest {

    @Test
    void aRunWithDebiansSlurmctldReportsWhatItsSlurmctldVPrints() {
        SlurmctldVersion v = new QemuTarget(ControllerKind.REAL, Clock.systemUTC(), Path.of("/tmp")).slurmctld();

        assertThat(v).isInstanceOf(SlurmctldVersion.Read.class);
        assertThat(v.printed()).hasValueSatisfying(line -> assertThat(line).matches("slurm(-wlm)? 22\\.05\\.\\d+"));
        assertThat(v.reportNote().summary()).startsWith("real: slurmctld -V: ");
    }

    @Test
    void aRunWithTheFakeControllerIsEmulated() {
        SlurmctldVersion v = new QemuTarget(ControllerKind.FAKE, Clock.systemUTC(), Path.of("/tmp")).slurmctld();

        assertThat(v).isInstanceOf(SlurmctldVersion.Emulated.class);
    }
}
