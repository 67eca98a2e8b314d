package org.elasticslurm.scenarios.target.realslurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.scenarios.target.TargetException;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.StateChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabTraceTest {

    @TempDir
    Path dir;

    @Test
    void readsStatesHookCallsLogLinesAndCommandOutputInTimeOrderLeavingAPartialLastLine() throws IOException {
        Path file = dir.resolve("trace");
        Files.writeString(file, """
                0.0 start
                0.0 state node1 IDLE+CLOUD+POWERED_DOWN
                0.8 hook resume node1
                0.5 state node1 ALLOCATED+CLOUD+POWERED_DOWN
                1.0 state node2 NOT_FOUND
                3.1 log debug:  Still waiting for boot of node node1
                4.2 out job1 node1
                4.2 exit job1 0
                25.7 hook resume-fail node[1-2] extra
                26.0 state node1 IDLE+CL""");

        LabTrace trace = LabTrace.read(file);

        assertThat(trace.states()).containsExactly(
                new StateChange(Duration.ZERO, "node1", NodeState.parse("IDLE+CLOUD+POWERED_DOWN")),
                new StateChange(Duration.ofMillis(500), "node1", NodeState.parse("ALLOCATED+CLOUD+POWERED_DOWN")));
        assertThat(trace.hooks()).containsExactly(
                new HookCall(Duration.ofMillis(800), HookRole.RESUME, List.of("node1")),
                new HookCall(Duration.ofMillis(25_700), HookRole.RESUME_FAIL, List.of("node[1-2]", "extra")));
        assertThat(trace.log()).singleElement().satisfies(l -> {
            assertThat(l.at()).isEqualTo(Duration.ofMillis(3100));
            assertThat(l.text()).isEqualTo("debug:  Still waiting for boot of node node1");
        });
        assertThat(trace.output("job1")).isEqualTo("node1\n");
        assertThat(trace.output("job2")).isEmpty();
    }

    @Test
    void aMissingTraceIsEmpty() {
        assertThat(LabTrace.read(dir.resolve("none")).lines()).isEmpty();
    }

    @Test
    void aStateTheScenariosCannotNameIsAnErrorNamingNodeAndState() throws IOException {
        Path file = dir.resolve("trace");
        Files.writeString(file, "0.5 state node3 IDLE+CLOUDY\n");

        assertThatThrownBy(() -> LabTrace.read(file)).isInstanceOf(TargetException.class)
                .hasMessageContaining("node node3").hasMessageContaining("IDLE+CLOUDY")
                .hasMessageContaining("unknown state flag 'CLOUDY'");
    }

    @Test
    void anUnknownHookRoleIsAnErrorListingTheRoles() throws IOException {
        Path file = dir.resolve("trace");
        Files.writeString(file, "0.5 hook reboot node1\n");

        assertThatThrownBy(() -> LabTrace.read(file)).isInstanceOf(TargetException.class)
                .hasMessage("a hook recorded an unknown role 'reboot'; allowed: resume, suspend, resume-fail");
    }
}
