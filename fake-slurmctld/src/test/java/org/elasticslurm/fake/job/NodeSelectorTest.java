package org.elasticslurm.fake.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class NodeSelectorTest {

    private static BitSet bits(int... indexes) {
        BitSet b = new BitSet();
        for (int i : indexes) {
            b.set(i);
        }
        return b;
    }

    @Test
    void lowestWeightFirstThenConfigurationOrder() {
        NodeSelector selector = new NodeSelector(new long[] {10, 1, 1, 5});

        assertThat(selector.select(bits(0, 1, 2, 3), bits(), bits(), 3)).hasValueSatisfying(
                nodes -> assertThat(nodes).containsExactly(1, 2, 3));
    }

    @Test
    void poweredDownNodesComeAfterEveryPoweredUpNode() {
        NodeSelector selector = new NodeSelector(new long[] {1, 1, 100, 1});

        assertThat(selector.select(bits(0, 1, 2, 3), bits(0, 1), bits(), 2)).hasValueSatisfying(
                nodes -> assertThat(nodes).containsExactly(2, 3));
        assertThat(selector.select(bits(0, 1, 2, 3), bits(0, 1), bits(), 3)).hasValueSatisfying(
                nodes -> assertThat(nodes).containsExactly(0, 2, 3));
    }

    @Test
    void requiredNodesAreTakenAndTheRestAddedByOrder() {
        NodeSelector selector = new NodeSelector(new long[] {1, 1, 1, 1});

        assertThat(selector.select(bits(0, 1, 2, 3), bits(), bits(3), 2)).hasValueSatisfying(
                nodes -> assertThat(nodes).containsExactly(0, 3));
    }

    @Test
    void aRequiredNodeThatCannotBeUsedNowMeansNoSelection() {
        NodeSelector selector = new NodeSelector(new long[] {1, 1});

        assertThat(selector.select(bits(0), bits(), bits(1), 1)).isEmpty();
    }

    @Test
    void tooFewUsableNodesMeansNoSelection() {
        NodeSelector selector = new NodeSelector(new long[] {1, 1, 1});

        assertThat(selector.select(bits(0, 2), bits(2), bits(), 3)).isEmpty();
    }

    @Test
    void moreRequiredNodesThanTheCountIsAProgrammingError() {
        NodeSelector selector = new NodeSelector(new long[] {1, 1});

        assertThatThrownBy(() -> selector.select(bits(0, 1), bits(), bits(0, 1), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
