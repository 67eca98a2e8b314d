package org.elasticslurm.provisioner.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.elasticslurm.provisioner.testing.TestConf;
import org.elasticslurm.provisioner.testing.TestPools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeSelectorTest {
    private final NodeSelector selector = new NodeSelector(TestPools.of(TestConf.CLOUD8, Map.of(
            "provisioner.pools.a.nodes", "test[1-6]")), 100);

    @Test
    void expandsAHostlistToDistinctNamesInOrder() {
        assertThat(selector.select("test[3,1-2],test3")).containsExactly("test3", "test1", "test2");
    }

    @Test
    void namesEveryNodeThatIsNotACloudNodeAndEveryCloudNodeWithoutAPool() {
        assertThatThrownBy(() -> selector.select("test1,login1,nosuch,test7"))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RequestRejectedException.Reason.NOT_PROVISIONABLE);
                    assertThat(e.getMessage()).contains("not State=CLOUD nodes of slurm.conf: \"login1\", \"nosuch\"")
                            .contains("CLOUD nodes in no provisioner.pools.*.nodes: \"test7\"")
                            .doesNotContain("\"test1\"");
                });
    }

    @Test
    void aMalformedHostlistIsRefusedWithTheParsersMessage() {
        assertThatThrownBy(() -> selector.select("test[3-1]"))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RequestRejectedException.Reason.MALFORMED);
                    assertThat(e.getMessage()).contains("not a valid hostlist").contains("3-1");
                });
    }

    @Test
    void aHostlistExpandingBeyondTheLimitIsRefusedWithoutExpandingIt() {
        assertThatThrownBy(() -> selector.select("test[0-999999999999999]"))
                .isInstanceOfSatisfying(RequestRejectedException.class, e ->
                        assertThat(e.getMessage()).contains("expands to 1000000000000000 names")
                                .contains("provisioner.max-nodes-per-request (100)"));
        assertThatThrownBy(() -> selector.select("a[0-99999][0-99999][0-99999][0-99999]"))
                .hasMessageContaining("expands to 9223372036854775807 names, more than provisioner.max-nodes-per-request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"test1;reboot", "$(reboot)", "../test1", "test1`id`", "tést1", "test1\u0000", "test1 |sh"})
    void hostileNamesAreRefusedAsUnknownNodes(String expression) {
        assertThatThrownBy(() -> selector.select(expression)).isInstanceOf(RequestRejectedException.class);
    }

    @Test
    void controlCharactersAreEscapedInTheMessage() {
        assertThatThrownBy(() -> selector.select("evil\u001b[2Jnode"))
                .hasMessageNotContaining("\u001b").hasMessageContaining("\\u001b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void anEmptyHostlistIsRefused(String expression) {
        assertThatThrownBy(() -> selector.select(expression)).hasMessageContaining("a non-empty Slurm hostlist");
    }
}
