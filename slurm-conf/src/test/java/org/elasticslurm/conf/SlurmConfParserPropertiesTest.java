package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the text, the parser gives a configuration or its one documented exception. */
class SlurmConfParserPropertiesTest {

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

    @Provide
    Arbitrary<String> tokenText() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(80).map(tokens -> String.join("", tokens));
    }

    @Provide
    Arbitrary<String> rawText() {
        return Arbitraries.strings().withChars("NodeamPrtiSuspendTmExc=[]-,:#\\\" \t\n()%*?01239xk$")
                .ofMaxLength(300);
    }

    @Property(tries = 3000)
    void tokenSoupParsesOrFailsWithSlurmConfException(@ForAll("tokenText") String text) {
        checkOutcome(text);
    }

    @Property(tries = 2000)
    void characterSoupParsesOrFailsWithSlurmConfException(@ForAll("rawText") String text) {
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
