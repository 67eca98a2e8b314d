package org.elasticslurm.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"30s, 30000", "2m, 120000", "1.5s, 1500", "500ms, 500", "1m30s, 90000", "1h, 3600000", "0s, 0",
            "0.25m, 15000"})
    void readsNumbersWithUnits(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void aNumberWithoutUnitIsRefusedWithTheRule() {
        assertThatThrownBy(() -> Durations.parse("30"))
                .hasMessageContaining("'30' has no unit")
                .hasMessageContaining("ms, s, m or h");
    }

    @Test
    void finerThanAMillisecondIsRefused() {
        assertThatThrownBy(() -> Durations.parse("1.0005s")).hasMessageContaining("finer than a millisecond");
    }

    @Test
    void unknownUnitIsRefused() {
        assertThatThrownBy(() -> Durations.parse("3d")).hasMessageContaining("'3d' is not a duration");
    }

    @Test
    void formatsShortestForm() {
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
    }
}
