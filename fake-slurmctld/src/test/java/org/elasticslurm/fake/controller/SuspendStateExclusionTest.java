package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.fake.hook.HookCall;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.sim.cluster.SlurmdStart;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SuspendExcStates of 24.11 and 26.05 on the virtual clock: idle nodes in a listed state are not suspended for
 * idleness (differential scenarios suspend-exc-states and suspend-exc-states-absent).
 */
class SuspendStateExclusionTest {


    @TempDir
    Path dir;

    /**
     * c[1-3] registered and idle; c1 drained and c2 downed by the admin at 2 s. The tests look until 40 s, before the
     * periodic ping (whose answer returns DOWN c2 to service under ReturnToService=2), as the scenarios do.
     */
    private SimLab drainedAndDown(SlurmVersion version, String... lines) {
        SimLab lab = SimLab.conf(dir, TestConf.cloud("c[1-3]", lines)).version(version).start();
        lab.runUntil(0);
        for (String node : new String[] {"c1", "c2", "c3"}) {
            lab.startSlurmd(node, SlurmdStart.FRESH_BOOT);
        }
        lab.runUntil(2);
        assertThat(lab.controller.updateNode(NodeUpdate.state("c1", NodeStateRequest.DRAIN, "exc")).ok()).isTrue();
        assertThat(lab.controller.updateNode(NodeUpdate.state("c2", NodeStateRequest.DOWN, "exc")).ok()).isTrue();
        return lab;
    }

    @ParameterizedTest
    @EnumSource(value = SlurmVersion.class, names = {"V24_11", "V26_05"})
    void drainedAndDownNodesListedInSuspendExcStatesStayUp(SlurmVersion version) {
        SimLab lab = drainedAndDown(version, "SuspendExcStates=down,drain");

        lab.runUntil(40);

        assertThat(lab.calls(HookKind.SUSPEND)).extracting(HookCall::hostlist).containsExactly("c3");
        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD+DRAIN");
        assertThat(lab.state("c2")).isEqualTo("DOWN+CLOUD");
        assertThat(lab.state("c3")).isEqualTo("IDLE+CLOUD+POWERED_DOWN");
        assertThat(lab.logLines()).contains("POWER: suspend_exc_down=1 suspend_exc_state_flags=UNKNOWN+DRAIN");
    }

    @ParameterizedTest
    @EnumSource(value = SlurmVersion.class, names = {"V24_11", "V26_05"})
    void withoutTheKeyDrainedAndDownNodesAreSuspendedWithTheIdleOne(SlurmVersion version) {
        SimLab lab = drainedAndDown(version);

        lab.runUntil(40);

        assertThat(lab.calls(HookKind.SUSPEND)).extracting(HookCall::hostlist).containsExactly("c[1-3]");
        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD+DRAIN+POWERED_DOWN");
        assertThat(lab.state("c2")).isEqualTo("DOWN+CLOUD+POWERED_DOWN");
    }

    @ParameterizedTest
    @EnumSource(value = SlurmVersion.class, names = {"V24_11", "V26_05"})
    void invalidStatesAreLoggedAndTheValidOnesStillApply(SlurmVersion version) {
        SimLab lab = drainedAndDown(version, "SuspendExcStates=bogus,dr,perfctrs");

        lab.runUntil(40);

        assertThat(lab.logLines()).contains("error: Invalid SuspendExcState bogus",
                "error: Invalid SuspendExcState perfctrs");
        assertThat(lab.calls(HookKind.SUSPEND)).extracting(HookCall::hostlist).containsExactly("c[2-3]");
        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD+DRAIN");
    }

    @ParameterizedTest
    @EnumSource(value = SlurmVersion.class, names = {"V24_11", "V26_05"})
    void aPowerDownRequestStillSuspendsANodeKeptForItsState(SlurmVersion version) {
        SimLab lab = drainedAndDown(version, "SuspendExcStates=DOWN,DRAIN");

        assertThat(lab.controller.updateNode(NodeUpdate.state("c1", NodeStateRequest.POWER_DOWN)).ok()).isTrue();
        lab.runUntil(40);

        assertThat(lab.calls(HookKind.SUSPEND)).extracting(HookCall::hostlist).containsExactly("c1", "c3");
        assertThat(lab.state("c2")).isEqualTo("DOWN+CLOUD");
    }
}
