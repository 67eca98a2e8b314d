package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** SuspendExcNodes read as 22.05's {@code _parse_exc_nodes} reads it, with the daemon's error lines. */
class SuspendExcNodesTest {

    private static final List<String> NODES = List.of("c1", "c2", "c3", "c4");

    @Test
    void countedListsKeepTheirCountsAndAListWithoutOneKeepsAll() {
        SuspendExcNodes read = SuspendExcNodes.read("c[1-2]:1,c4", NODES);

        assertThat(read.errors()).isEmpty();
        assertThat(read.exclusions()).containsExactly(
                new SuspendExclusion(Hostlist.of(List.of("c1", "c2")), OptionalInt.of(1)),
                new SuspendExclusion(Hostlist.of(List.of("c4")), OptionalInt.empty()));
    }

    @Test
    void aPlainListKeepsItsKnownNodesInNodeOrderAndReportsTheUnknownOnes() {
        SuspendExcNodes read = SuspendExcNodes.read("c3,nosuch,c1", NODES);

        assertThat(read.exclusions()).extracting(e -> e.nodes().names()).containsExactly(List.of("c1", "c3"));
        assertThat(read.errors()).extracting(SuspendExcNodes.Error::line).containsExactly(
                "node_name2bitmap: invalid node specified: \"nosuch\"", "Invalid SuspendExcNodes c3,nosuch,c1 ignored");
    }

    @Test
    void aBadCountDropsTheWholeValue() {
        assertThat(SuspendExcNodes.read("c1:1,c[2-3]:3", NODES).exclusions()).isEmpty();
        assertThat(SuspendExcNodes.read("c1:x", NODES).errors()).extracting(SuspendExcNodes.Error::line)
                .containsExactly("Invalid SuspendExcNodes c1:x ignored");
    }

    @Test
    void aMalformedListGivesTheDaemonsLineAndOurDetailApart() {
        SuspendExcNodes read = SuspendExcNodes.read("c[1-", NODES);

        assertThat(read.exclusions()).isEmpty();
        assertThat(read.errors().get(0).line()).isEqualTo("hostlist_create on c[1- error:");
        assertThat(read.errors().get(0).detail()).isNotEmpty();
        assertThat(read.errors().get(0).text()).startsWith("hostlist_create on c[1- error: ");
    }
}
