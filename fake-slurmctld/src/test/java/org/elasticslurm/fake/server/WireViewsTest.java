package org.elasticslurm.fake.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireViewsTest {

    @Test
    void maxTimeIsReadInEverySlurmTimeForm() {
        assertThat(WireViews.maxMinutes("INFINITE")).isEmpty();
        assertThat(WireViews.maxMinutes("UNLIMITED")).isEmpty();
        assertThat(WireViews.maxMinutes("30")).hasValue(30);
        assertThat(WireViews.maxMinutes("30:30")).hasValue(31);
        assertThat(WireViews.maxMinutes("2:00:00")).hasValue(120);
        assertThat(WireViews.maxMinutes("1-2")).hasValue(26 * 60);
        assertThat(WireViews.maxMinutes("1-2:30")).hasValue(26 * 60 + 30);
        assertThat(WireViews.maxMinutes("1-00:00:01")).hasValue(24 * 60 + 1);
    }

    @Test
    void aMaxTimeThatIsNoTimeIsRefusedWithTheForms() {
        assertThatThrownBy(() -> WireViews.maxMinutes("soon"))
                .hasMessage("MaxTime=soon is not a time (minutes, M:S, H:M:S, D-H, D-H:M, D-H:M:S, INFINITE or UNLIMITED)");
    }
}
