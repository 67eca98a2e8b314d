package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever the text, the parser gives a configuration or its one documented exception. Inputs come from a
 * fixed seed, so a failing case is named by its index and repeatable.
 */
class SlurmConfParserPropertiesTest {
    private static final long SEED = 0x51_0C0_2205L;
    private static final String RAW_CHARS = "NodeamPrtiSuspendTmExc=[]-,:#\\\" \t\n()%*?01239xk$";

    /** A directory that does not exist, so that no Include can reach a real file (no '/' is generated). */
    private static final Path FILE = Path.of("/nonexistent-slurm-conf-property-dir/slurm.conf");

    private static final List<String> TOKENS = List.of(
            "NodeName", "PartitionName", "NodeSet", "DownNodes", "SlurmctldHost", "Include", "include ", "DEFAULT",
            "ALL", "State", "CLOUD", "FUTURE", "Nodes", "Feature", "CPUs", "Sockets", "CoresPerSocket", "Port",
            "NodeAddr", "NodeHostname", "SuspendTime", "SuspendTimeout", "ResumeTimeout", "SuspendExcNodes",
            "SuspendExcParts", "TreeWidth", "DebugFlags", "Power", "SlurmctldParameters", "power_save_interval=",
            "node_reg_mem_percent=", "MaxTime", "Default", "YES", "INFINITE", "NONE", "-1", "0", "7", "0x1f",
            "65536", "n", "c", "n[1-3]", "[", "]", "-", ",", ":", "=", "=", "=", " ", " ", "\t", "\n", "\n",
            "\r\n", "#", "\\", "\"", "(", ")", "%c", "*", "?", "$LAB", "k", "abc");

    static Stream<String> tokenText() {
        Random random = new Random(SEED);
        return IntStream.range(0, 3000).mapToObj(i -> {
            StringBuilder text = new StringBuilder();
            int count = random.nextInt(81);
            for (int t = 0; t < count; t++) {
                text.append(TOKENS.get(random.nextInt(TOKENS.size())));
            }
            return text.toString();
        });
    }

    static Stream<String> rawText() {
        Random random = new Random(SEED + 1);
        return IntStream.range(0, 2000).mapToObj(i -> {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(301);
            for (int c = 0; c < length; c++) {
                text.append(RAW_CHARS.charAt(random.nextInt(RAW_CHARS.length())));
            }
            return text.toString();
        });
    }

    @ParameterizedTest
    @MethodSource("tokenText")
    void tokenSoupParsesOrFailsWithSlurmConfException(String text) {
        checkOutcome(text);
    }

    @ParameterizedTest
    @MethodSource("rawText")
    void characterSoupParsesOrFailsWithSlurmConfException(String text) {
        checkOutcome(text);
    }

    private static void checkOutcome(String text) {
        try {
            SlurmConf conf = new SlurmConfParser().parse(text, FILE);
            assertThat(conf.nodes()).doesNotContainNull();
            conf.nodes().forEach(n -> assertThat(conf.timeoutsFor(n.name())).isNotNull());
        } catch (SlurmConfException e) {
            assertThat(e.location()).isNotNull();
            assertThat(e.location().line()).isPositive();
            assertThat(e.getMessage()).startsWith(e.location() + ": " + e.rule() + ": ");
        }
    }
}
