package org.elasticslurm.conf.scontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elasticslurm.conf.state.NodeState;
import org.junit.jupiter.api.Test;

/** The readers on output recorded from the real scontrol and sinfo 22.05 (resources real-22.05/). */
class ScontrolShowTest {

    static String real(String name) {
        try (InputStream in = ScontrolShowTest.class.getResourceAsStream("/org/elasticslurm/conf/real-22.05/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no recording " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** NODELIST and the given column of a recorded {@code sinfo -N} / {@code sinfo -o} table. */
    private static Map<String, String> sinfoColumn(String name, int column) {
        Map<String, String> states = new LinkedHashMap<>();
        real(name).lines().skip(1).map(l -> l.trim().split("\\s+")).forEach(w -> states.put(w[0], w[column]));
        return states;
    }

    @Test
    void multiLineRecordsGiveEachNodeItsState() {
        assertThat(ScontrolShow.nodes(real("show_nodes_init.out")))
                .extracting(ShownNode::name, ShownNode::stateText)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("node1", "IDLE+CLOUD+POWERED_DOWN"),
                        org.assertj.core.groups.Tuple.tuple("node2", "UNKNOWN"));
    }

    @Test
    void valuesKeepTheirSpacesAndTheReasonRunsToTheLineEnd() {
        for (String recording : new String[] {"show_node2_drain.out", "show_node2_oneliner.out"}) {
            ShownNode node = ScontrolShow.nodes(real(recording)).get(0);

            assertThat(node.reason()).as(recording).contains("maintenance [root@2026-11-28T16:39:06]");
            assertThat(node.record().value("OS")).as(recording).contains("Linux 6.18.44-fc-v669 #1 SMP PREEMPT_DYNAMIC @0");
            assertThat(node.record().value("CfgTRES")).as(recording).contains("cpu=1,mem=1M,billing=1");
            assertThat(node.record().value("AllocTRES")).as(recording).contains("");
            assertThat(node.address()).as(recording).contains("127.0.0.1");
            assertThat(node.state()).as(recording).isEqualTo(NodeState.parse("IDLE+DRAIN+POWERED_DOWN"));
        }
    }

    @Test
    void aReasonWithEqualsSignsStaysOneValue() {
        String output = "NodeName=c1 Arch=x86_64\n   State=DOWN+CLOUD ThreadsPerCore=1\n"
                + "   Reason=boot failed: rc=3  see log [slurm@2026-12-06T10:00:00]\n   Comment=x\n";

        ShownNode node = ScontrolShow.nodes(output).get(0);

        assertThat(node.reason()).contains("boot failed: rc=3  see log [slurm@2026-12-06T10:00:00]");
        assertThat(node.record().value("Comment")).contains("x");
    }

    @Test
    void theRecordedStatesRenderAsTheRealSinfoPrintedThemAtTheSameMoment() {
        Map<String, String> compactInit = sinfoColumn("sinfo_N_init.out", 3);
        ScontrolShow.nodes(real("show_nodes_init.out")).forEach(n ->
                assertThat(n.state().sinfoCompact()).as(n.name()).isEqualTo(compactInit.get(n.name())));
        Map<String, String> longInit = sinfoColumn("sinfo_o_init.out", 1);
        ScontrolShow.nodes(real("show_nodes_init.out")).forEach(n ->
                assertThat(n.state().sinfoLong()).as(n.name()).isEqualTo(longInit.get(n.name())));

        Map<String, String> compactCf = sinfoColumn("sinfo_N_CF.out", 3);
        assertThat(ScontrolShow.nodes(real("show_node1_CF.out")).get(0).state().sinfoCompact())
                .isEqualTo(compactCf.get("node1"));
        assertThat(ScontrolShow.nodes(real("show_node2_up.out")).get(0).state().sinfoCompact())
                .isEqualTo(compactCf.get("node2"));

        ShownNode drained = ScontrolShow.nodes(real("show_node2_drain.out")).get(0);
        assertThat(drained.state().sinfoLong()).isEqualTo(sinfoColumn("sinfo_o_drain2.out", 1).get("node2"));
        assertThat(drained.state().sinfoCompact()).isEqualTo(sinfoColumn("sinfo_o_drain2.out", 2).get("node2"));
    }

    @Test
    void jobsGiveTheirIdAndStateWhileTheReasonStaysOneWord() {
        assertThat(ScontrolShow.jobs(real("show_job_CF.out")))
                .extracting(ShownJob::id, ShownJob::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5L, "CANCELLED"),
                        org.assertj.core.groups.Tuple.tuple(6L, "COMPLETED"),
                        org.assertj.core.groups.Tuple.tuple(7L, "CONFIGURING"));
        ShownJob job = ScontrolShow.jobs(real("show_job_CF.out")).get(1);
        assertThat(job.record().value("Reason")).contains("None");
        assertThat(job.record().value("StdOut")).contains("/tmp/rl/slurm-6.out");
        assertThat(job.record().value("NtasksPerN:B:S:C")).contains("0:0:*:*");
    }

    @Test
    void oneLineJobRecordsAreReadLikeMultiLineOnes() {
        String output = "JobId=3 JobName=a b UserId=root(0) JobState=RUNNING Reason=None Dependency=(null)\n"
                + "JobId=4 JobName=hostname JobState=PENDING Reason=Resources Dependency=(null)\n";

        assertThat(ScontrolShow.jobs(output)).extracting(ShownJob::id, ShownJob::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "RUNNING"),
                        org.assertj.core.groups.Tuple.tuple(4L, "PENDING"));
        assertThat(ScontrolShow.jobs(output).get(0).record().value("JobName")).contains("a b");
    }

    @Test
    void messagesOutsideRecordsAreNoRecords() {
        assertThat(ScontrolShow.nodes("No nodes in the system\n")).isEmpty();
        assertThat(ScontrolShow.jobs("No jobs in the system\n")).isEmpty();
        assertThat(ScontrolShow.nodes("Node nodeX not found\n")).isEmpty();
    }

    @Test
    void aStateOfALaterSlurmIsNamedWithItsNode() {
        ShownNode node = ScontrolShow.nodes("NodeName=c1 State=IDLE+BLOCKED Weight=1\n").get(0);

        assertThat(node.stateText()).isEqualTo("IDLE+BLOCKED");
        assertThatThrownBy(node::state).hasMessageContaining("node c1 shows State=IDLE+BLOCKED")
                .hasMessageContaining("unknown state flag 'BLOCKED'");
    }
}
