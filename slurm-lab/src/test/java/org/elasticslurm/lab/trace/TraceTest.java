package org.elasticslurm.lab.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TraceTest {

    @Test
    void parsesAndFormatsTheSharedTraceFormat() {
        String text = """
                0.0 start
                0.0 state node1 IDLE+CLOUD+POWERED_DOWN
                25.8 hook suspend node1
                35.9 state node1 IDLE+CLOUD+POWERED_DOWN
                """;

        Trace trace = Trace.parse(text);

        assertThat(trace.format()).isEqualTo(text);
        assertThat(trace.lines().get(2)).isEqualTo(new TraceLine(258, "hook", "suspend node1"));
        assertThat(trace.lines().get(2).subject()).isEqualTo("suspend");
        assertThat(trace.lines().get(2).rest()).isEqualTo("node1");
        assertThat(trace.endTenths()).isEqualTo(359);
    }

    @Test
    void hookWithoutArgumentsHasEmptyRest() {
        assertThat(Trace.parse("1.0 hook resume").lines().get(0).rest()).isEmpty();
    }

    @Test
    void refusesALineWithoutOneDecimalNamingItsNumber() {
        assertThatThrownBy(() -> Trace.parse("0.0 start\n12 state node1 IDLE\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trace line 2")
                .hasMessageContaining("'12 state node1 IDLE'");
    }

    @Test
    void sortsStablyByTime() {
        Trace trace = Trace.parse("0.5 state node1 A\n0.3 hook resume node1\n0.5 mark x\n0.3 json resume {}\n");

        assertThat(trace.sortedByTime().format())
                .isEqualTo("0.3 hook resume node1\n0.3 json resume {}\n0.5 state node1 A\n0.5 mark x\n");
    }

    @Test
    void selectsLinesBySubject() {
        Trace trace = Trace.parse("0.0 state node1 A\n0.0 state node2 B\n1.0 state node1 C\n");

        assertThat(trace.ofKind("state", "node1")).extracting(TraceLine::rest).containsExactly("A", "C");
        assertThat(trace.subjects("state")).containsExactly("node1", "node2");
    }
}
