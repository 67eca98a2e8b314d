package org.elasticslurm.provisioner.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SlurmdFollowerTest {
    private final List<FakeDaemon> started = new ArrayList<>();
    private final SlurmdFollower follower = new SlurmdFollower(node -> {
        if (node.equals("broken")) {
            throw new IOException("Permission denied");
        }
        FakeDaemon d = new FakeDaemon(node, 100 + started.size());
        started.add(d);
        return d;
    });

    private static final class FakeDaemon implements SlurmdFollower.Daemon {
        final String node;
        final long pid;
        boolean stopped;
        Integer exit;

        FakeDaemon(String node, long pid) {
            this.node = node;
            this.pid = pid;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public OptionalInt exitStatus() {
            return exit == null ? OptionalInt.empty() : OptionalInt.of(exit);
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    private static SlurmdFollower.NodePhase phase(String phase, String since) {
        return new SlurmdFollower.NodePhase(phase, since);
    }

    @Test
    void aNodeThatTurnsReadyGetsOneSlurmdAndLosesItWhenReleased() {
        assertThat(follower.follow(Map.of("sim1", phase("BOOTING", "t1"), "sim2", phase("POWERED_DOWN", "t0"))))
                .isEmpty();
        assertThat(follower.follow(Map.of("sim1", phase("READY", "t2"), "sim2", phase("POWERED_DOWN", "t0"))))
                .containsExactly("sim1 READY: started slurmd (pid 100)");
        assertThat(follower.follow(Map.of("sim1", phase("READY", "t2")))).isEmpty();
        assertThat(started).hasSize(1);

        assertThat(follower.follow(Map.of("sim1", phase("DESTROYING", "t3"))))
                .containsExactly("sim1 DESTROYING since t3: stopped slurmd (pid 100)");
        assertThat(started.get(0).stopped).isTrue();
        assertThat(follower.follow(Map.of("sim1", phase("POWERED_DOWN", "t4")))).isEmpty();
    }

    @Test
    void aNodeReleasedAndMadeReadyAgainBetweenTwoListingsGetsANewSlurmd() {
        follower.follow(Map.of("sim1", phase("READY", "t1")));

        assertThat(follower.follow(Map.of("sim1", phase("READY", "t9")))).containsExactly(
                "sim1 READY since t9: stopped slurmd (pid 100)", "sim1 READY: started slurmd (pid 101)");
        assertThat(started).extracting(d -> d.stopped).containsExactly(true, false);
    }

    @Test
    void aNodeThatDisappearsFromTheListingLosesItsSlurmd() {
        follower.follow(Map.of("sim1", phase("READY", "t1")));

        assertThat(follower.follow(Map.of())).containsExactly("sim1 no longer listed: stopped slurmd (pid 100)");
        assertThat(started.get(0).stopped).isTrue();
    }

    @Test
    void aSlurmdThatEndsWhileItsNodeIsReadyIsReportedOnceAndNotStartedAgainUntilTheNodeIsReleased() {
        follower.follow(Map.of("sim1", phase("READY", "t1")));
        started.get(0).exit = 1;

        assertThat(follower.follow(Map.of("sim1", phase("READY", "t1")))).containsExactly("sim1 READY: slurmd"
                + " (pid 100) ended with status 1; not started again until the node is released");
        assertThat(follower.follow(Map.of("sim1", phase("READY", "t1")))).isEmpty();
        assertThat(started).hasSize(1);

        follower.follow(Map.of("sim1", phase("POWERED_DOWN", "t2")));
        assertThat(follower.follow(Map.of("sim1", phase("READY", "t3"))))
                .containsExactly("sim1 READY: started slurmd (pid 101)");
    }

    @Test
    void aSlurmdThatCannotStartIsReportedAndTheOtherNodesGoOn() {
        assertThat(follower.follow(Map.of("broken", phase("READY", "t1"), "sim2", phase("READY", "t1"))))
                .containsExactly("broken READY: cannot start slurmd: Permission denied",
                        "sim2 READY: started slurmd (pid 100)");
    }

    @Test
    void stopAllStopsEverySlurmdAndNoneIsStartedAfterIt() {
        follower.follow(Map.of("sim1", phase("READY", "t1"), "sim2", phase("READY", "t1")));

        assertThat(follower.stopAll()).containsExactly("sim1: stopped slurmd (pid 100)",
                "sim2: stopped slurmd (pid 101)");
        assertThat(started).allMatch(d -> d.stopped);
        assertThat(follower.follow(Map.of("sim3", phase("READY", "t1")))).isEmpty();
        assertThat(started).hasSize(2);
    }
}
