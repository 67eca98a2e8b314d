package org.elasticslurm.provisioner.backend.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.elasticslurm.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

class SimBackendTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private SimBackend sim(Duration jitter, double failure, long seed) {
        return new SimBackend(new SimSettings(Duration.ofSeconds(10), jitter, failure, 0.0, seed, "10.99.0.254"), clock);
    }

    @Test
    void aMachineGetsItsAddressOnceTheBootDelayHasPassed() {
        SimBackend sim = sim(Duration.ZERO, 0.0, 1);
        sim.ensureRunning(new MachineRequest("test1", "default", "op1"));
        sim.ensureRunning(new MachineRequest("test2", "default", "op2"));

        clock.advance(Duration.ofSeconds(9));
        assertThat(sim.address("test1")).isEmpty();
        clock.advance(Duration.ofSeconds(1));

        assertThat(sim.address("test1")).contains("10.99.0.254");
        assertThat(sim.address("test2")).contains("10.99.0.255");
        assertThat(sim.list()).extracting(m -> m.operationId()).containsExactly("op1", "op2");
    }

    @Test
    void ensureRunningTwiceKeepsOneMachineAndReleaseRemovesIt() {
        SimBackend sim = sim(Duration.ZERO, 0.0, 1);
        sim.ensureRunning(new MachineRequest("test1", "default", "op1"));
        sim.ensureRunning(new MachineRequest("test1", "default", "op2"));

        assertThat(sim.list()).singleElement().satisfies(m -> assertThat(m.operationId()).isEqualTo("op1"));
        sim.release("test1", "default");
        sim.release("test1", "default");
        assertThat(sim.list()).isEmpty();
    }

    @Test
    void theSameSeedGivesTheSameBootTimesAndFailures() {
        assertThat(outcomes(5)).isEqualTo(outcomes(5));
        assertThat(outcomes(5)).isNotEqualTo(outcomes(6));
    }

    private List<String> outcomes(long seed) {
        clock.set(Instant.parse("2026-01-01T00:00:00Z"));
        SimBackend sim = sim(Duration.ofSeconds(20), 0.3, seed);
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            try {
                sim.ensureRunning(new MachineRequest("n" + i, "p", "o"));
            } catch (BackendException e) {
                out.add("n" + i + " failed");
            }
        }
        for (int s = 0; s <= 30; s++) {
            clock.set(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(s));
            for (int i = 1; i <= 20; i++) {
                if (sim.address("n" + i).isPresent() && !out.contains("n" + i + "@")) {
                    out.add("n" + i + "@");
                    out.add("n" + i + " up at " + s);
                }
            }
        }
        return out;
    }

    @Test
    void aSimulatedBootFailureIsNotTransient() {
        SimBackend sim = sim(Duration.ZERO, 1.0, 1);

        assertThatThrownBy(() -> sim.ensureRunning(new MachineRequest("test1", "p", "o")))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessage("simulated boot failure of test1");
    }
}
