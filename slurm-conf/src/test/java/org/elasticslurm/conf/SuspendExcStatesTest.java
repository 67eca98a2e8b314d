package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.elasticslurm.conf.state.NodeFlag;
import org.junit.jupiter.api.Test;

/** SuspendExcStates read as slurmctld 24.11.5 and 26.05.5 read it (values measured with DebugFlags=Power). */
class SuspendExcStatesTest {

    @Test
    void downAndFlagsAreTakenWithoutRegardToCaseAndTheRestIsInvalid() {
        // 24.11 and 26.05: "Invalid SuspendExcState bogus", "... perfctrs", "suspend_exc_down=1
        // suspend_exc_state_flags=UNKNOWN+DRAIN"
        SuspendExcStates read = SuspendExcStates.read("down,bogus,perfctrs,dr");

        assertThat(read.down()).isTrue();
        assertThat(read.flags()).containsExactly(NodeFlag.DRAIN);
        assertThat(read.invalid()).containsExactly("bogus", "perfctrs");
    }

    @Test
    void aPrefixNamesTheFirstFlagItStartsAndDownNeedsTwoLetters() {
        // 24.11: "Invalid SuspendExcState co", "... downs", "suspend_exc_down=0
        // suspend_exc_state_flags=UNKNOWN+CLOUD+DRAIN+MAINTENANCE+NOT_RESPONDING+PLANNED"
        SuspendExcStates read = SuspendExcStates.read("d,co,downs,not_resp,maint,pl,c");

        assertThat(read.down()).isFalse();
        assertThat(read.flags()).containsExactlyInAnyOrder(NodeFlag.CLOUD, NodeFlag.DRAIN, NodeFlag.MAINTENANCE,
                NodeFlag.NOT_RESPONDING, NodeFlag.PLANNED);
        assertThat(read.invalid()).containsExactly("co", "downs");
    }

    @Test
    void theFlagBitsAreThoseOfTheStateWord() {
        assertThat(SuspendExcStates.read("DRAIN,FAIL").flagBits()).isEqualTo((1 << 9) | (1 << 13));
        assertThat(SuspendExcStates.NONE.flagBits()).isZero();
    }

    /**
     * The states the manual's SuspendExcStates entry lists ({@code src/test/resources/man}: the entry of Debian's
     * slurm.conf(5) of the version, as shipped).
     */
    private static List<String> documented(String version) throws IOException {
        try (InputStream in = SuspendExcStatesTest.class.getResourceAsStream(
                "/man/slurm.conf.5-" + version + "-SuspendExcStates")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace('\n', ' ');
            Matcher m = Pattern.compile("Valid states include (.*?), and ([A-Z_]+)\\.").matcher(text);
            assertThat(m.find()).as("the list of valid states in the manual's text").isTrue();
            return Stream.concat(Arrays.stream(m.group(1).split(", ")), Stream.of(m.group(2))).toList();
        }
    }

    @Test
    void theStatesTakenAreThoseTheManualsListButPerfctrsWhichTheDaemonsRefuse() throws IOException {
        // 26.05's manual lists the states 24.11.5 and 26.05.5 take; 24.11's also lists PERFCTRS, which its daemon
        // refuses ("Invalid SuspendExcState perfctrs": fake-slurmctld's differential NOTES.md, SuspendExcStates)
        assertThat(SuspendExcStates.STATES).containsExactlyElementsOf(documented("26.05"));
        assertThat(documented("24.11")).containsExactlyInAnyOrderElementsOf(
                Stream.concat(SuspendExcStates.STATES.stream(), Stream.of("PERFCTRS")).toList());

        assertThat(SuspendExcStates.STATES).allSatisfy(s -> assertThat(SuspendExcStates.accepts(s)).as(s).isTrue());
        assertThat(Arrays.stream(NodeFlag.values()).map(NodeFlag::name)
                .filter(n -> !SuspendExcStates.STATES.contains(n)))
                .contains("PERFCTRS", "POWER_DOWN", "COMPLETING")
                .allSatisfy(n -> assertThat(SuspendExcStates.accepts(n)).as(n).isFalse());
    }
}
