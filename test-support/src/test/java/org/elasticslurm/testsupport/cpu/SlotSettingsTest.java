package org.elasticslurm.testsupport.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SlotSettingsTest {

    @Nested
    class Slots {
        @Test
        void blankMeansTwoSlots() {
            assertThat(SlotSettings.slots("")).isEqualTo(2);
            assertThat(SlotSettings.slots("  ")).isEqualTo(2);
        }

        @Test
        void aNumberAroundSpacesIsTheNumberOfSlots() {
            assertThat(SlotSettings.slots(" 3 ")).isEqualTo(3);
            assertThat(SlotSettings.slots("1")).isEqualTo(1);
        }

        @Test
        void zeroIsRefusedNamingThePropertyAndTheRule() {
            assertThatThrownBy(() -> SlotSettings.slots("0"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("-Dtest.cpu-slots=0: expected a whole number of CPU slots >= 1 (default 2)");
        }

        @Test
        void aWordOrAFractionIsRefusedNamingThePropertyAndTheRule() {
            assertThatThrownBy(() -> SlotSettings.slots("two"))
                    .hasMessage("-Dtest.cpu-slots=two: expected a whole number of CPU slots >= 1 (default 2)");
            assertThatThrownBy(() -> SlotSettings.slots("1.5"))
                    .hasMessageStartingWith("-Dtest.cpu-slots=1.5: expected a whole number");
        }
    }

    @Nested
    class Directory {
        @Test
        void blankMeansADirectoryOfTheProjectUnderTmp() {
            assertThat(SlotSettings.directory("", "/var/tmp")).isEqualTo(Path.of("/var/tmp/elastic-slurm-lab-cpu-slots"));
        }

        @Test
        void aPathIsTakenAsGiven() {
            assertThat(SlotSettings.directory(" /srv/ci/slots ", "/tmp")).isEqualTo(Path.of("/srv/ci/slots"));
        }
    }
}
