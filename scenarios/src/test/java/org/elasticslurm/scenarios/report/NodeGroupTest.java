package org.elasticslurm.scenarios.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeGroupTest {

    @Test
    void nodesWithIdenticalTimelinesFormOneGroupNamedByTheirCompressedHostlist() {
        var groups = ManyNodeReports.burst(30, 10).nodeGroups();

        assertThat(groups).extracting(NodeGroup::name).containsExactly("test[1-10]", "test[11-20]", "test[21-30]");
        assertThat(groups).extracting(NodeGroup::size).containsExactly(10, 10, 10);
        assertThat(groups.get(1).changes()).extracting(c -> c.state().sinfoCompact())
                .containsExactly("idle~", "mix~", "mix#", "mix");
    }

    @Test
    void nodesWhoseStatesDifferOnlyInTimeStayApart() {
        var groups = ManyNodeReports.burst(3, 1).nodeGroups();

        assertThat(groups).extracting(NodeGroup::name).containsExactly("test1", "test2", "test3");
    }
}
