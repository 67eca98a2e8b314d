package org.elasticslurm.fake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GetoptTest {

    private static final Getopt SRUN_LIKE = new Getopt(List.of(
            Getopt.value("nodelist", 'w', "nodelist"),
            Getopt.value("nodes", 'N', "nodes"),
            Getopt.flag("quiet", 'Q', "quiet"),
            Getopt.flag("noheader", 'h', "noheader")), true);

    @Test
    void shortOptionsTakeTheirValueAttachedOrAsTheNextWord() throws Exception {
        Getopt.Parsed p = SRUN_LIKE.parse(List.of("-wnode1", "-N", "2", "hostname"));

        assertThat(p.last("nodelist")).contains("node1");
        assertThat(p.last("nodes")).contains("2");
        assertThat(p.operands()).containsExactly("hostname");
    }

    @Test
    void longOptionsTakeTheirValueAfterAnEqualsSignOrAsTheNextWordAndMayBeAbbreviated() throws Exception {
        Getopt.Parsed p = SRUN_LIKE.parse(List.of("--nodelist=node[1-2]", "--nodes", "2", "--quie", "true"));

        assertThat(p.last("nodelist")).contains("node[1-2]");
        assertThat(p.last("nodes")).contains("2");
        assertThat(p.has("quiet")).isTrue();
    }

    @Test
    void theFirstOperandEndsTheOptionsOfSrunSoTheCommandKeepsItsOwnFlags() throws Exception {
        Getopt.Parsed p = SRUN_LIKE.parse(List.of("-w", "node1", "ls", "-N", "-Q"));

        assertThat(p.operands()).containsExactly("ls", "-N", "-Q");
        assertThat(p.has("quiet")).isFalse();
    }

    @Test
    void bundledShortFlagsAreEachRecognised() throws Exception {
        Getopt.Parsed p = new Getopt(List.of(Getopt.flag("Node", 'N', "Node"), Getopt.flag("noheader", 'h', "noheader")),
                false).parse(List.of("-Nh"));

        assertThat(p.has("Node")).isTrue();
        assertThat(p.has("noheader")).isTrue();
    }

    @Test
    void unknownAndIncompleteOptionsGetGetoptsOwnWords() {
        // wording as recorded from the real commands: "scontrol: unrecognized option '--bogus'",
        // "sinfo: option requires an argument -- 'o'"
        assertThatThrownBy(() -> SRUN_LIKE.parse(List.of("--bogus"))).hasMessage("unrecognized option '--bogus'");
        assertThatThrownBy(() -> SRUN_LIKE.parse(List.of("-x"))).hasMessage("invalid option -- 'x'");
        assertThatThrownBy(() -> SRUN_LIKE.parse(List.of("-w"))).hasMessage("option requires an argument -- 'w'");
        assertThatThrownBy(() -> SRUN_LIKE.parse(List.of("--nodes")))
                .hasMessage("option '--nodes' requires an argument");
        assertThatThrownBy(() -> SRUN_LIKE.parse(List.of("--quiet=yes")))
                .hasMessage("option '--quiet' doesn't allow an argument");
        assertThatThrownBy(() -> SRUN_LIKE.parse(List.of("--no")))
                .hasMessage("option '--no' is ambiguous; possibilities: '--nodelist' '--nodes' '--noheader'");
    }

    @Test
    void aDoubleDashEndsTheOptions() throws Exception {
        Getopt.Parsed p = new Getopt(List.of(Getopt.flag("quiet", 'Q', "quiet")), false)
                .parse(List.of("--", "-Q"));

        assertThat(p.operands()).containsExactly("-Q");
        assertThat(p.last("quiet")).isEqualTo(Optional.empty());
    }
}
