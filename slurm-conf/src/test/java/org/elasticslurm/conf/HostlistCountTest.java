package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostlistCountTest {

    @Test
    void theCountIsTheNumberOfNamesParseGives() {
        for (String e : new String[] {"", "a", "a,b a", "n[1-3]", "n[01-10],x", "a[1-2]b[3-4]", "a[1-2]b[3-4]c[5-7]",
                "n[1-3,5,7-8] m[9-11]"}) {
            assertThat(Hostlist.count(e)).as(e).isEqualTo(Hostlist.parse(e).size());
        }
    }

    @Test
    void expressionsBeyondTheBoundsOfParseAreCountedWithoutExpandingThem() {
        assertThat(Hostlist.count("n[0-999999999999999]")).isEqualTo(1_000_000_000_000_000L);
        assertThat(Hostlist.count("a[0-99999][0-99999][0-99999][0-99999]")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aMalformedExpressionIsRefusedAsParseRefusesIt() {
        assertThatThrownBy(() -> Hostlist.count("n[3-1]")).isInstanceOf(HostlistException.class)
                .hasMessageContaining("the low bound must not exceed the high bound");
    }
}
