package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parser against the real scontrol 22.05, which reads slurm.conf with slurmctld's own code: the same files
 * are accepted or refused, the daemon's corrections appear as our warnings with the same words, refusals carry
 * the same message and line, and values come out byte for byte as the real reader sees them.
 *
 * <p>Only checks that the client performs are compared; the daemon-only ones (node states, partition members,
 * duplicate nodes, power-save values) are covered by the unit tests against the source.
 */
@ExtendWith(RealScontrol.class)
class ScontrolAgreementIT {

    private static final String HEAD = "ClusterName=lab\nSlurmctldHost=ctl(127.0.0.1)\n";
    private static final Pattern PARSE_ERROR_LINE = Pattern.compile("Parse error in file .* line (\\d+):");

    @TempDir
    Path dir;

    @BeforeAll
    static void scontrolIsInstalled() {
        assertThat(RealScontrol.find()).as("scontrol (slurm-client) on PATH").isPresent();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("cloud nodes with a port range", "NodeName=c[1-3] State=CLOUD CPUs=2 Port=17101-17103\n"
                        + "PartitionName=p Nodes=c[1-3] Default=YES MaxTime=INFINITE State=UP\n"),
                Arguments.of("node defaults", "NodeName=DEFAULT CPUs=4 RealMemory=1000\nNodeName=a[1-2]\n"),
                Arguments.of("continued node line", "NodeName=c[1-2] \\\n  CPUs=4 \\\n  State=CLOUD\n"),
                Arguments.of("partition defaults", "PartitionName=DEFAULT MaxTime=1-00:00:00 State=DOWN\n"
                        + "PartitionName=p Nodes=ALL\n"),
                Arguments.of("strtoul numbers", "SuspendRate=0x10\nResumeRate=010\nResumeTimeout=UNLIMITED\n"),
                Arguments.of("TreeWidth=0", "TreeWidth=0\n"),
                Arguments.of("cpus matching no layout", "NodeName=n1 CPUs=3 Sockets=2\n"),
                Arguments.of("zero cpus", "NodeName=n1 CPUs=0 ThreadsPerCore=0\n"),
                Arguments.of("removed debug flag", "DebugFlags=Power,Task\n"),
                Arguments.of("power-save keys", "SuspendProgram=/x/suspend\nResumeProgram=/x/resume\n"
                        + "SuspendTime=INFINITE\nSuspendTimeout=45\nSuspendExcNodes=c[1-2]:1\n"
                        + "SlurmctldParameters=idle_on_node_suspend,cloud_reg_addrs,power_save_interval=5\n"),
                Arguments.of("comments and blank lines", "# comment\n\n   \nSlurmUser=root # trailing\n"),
                Arguments.of("repeated key", "SuspendTime=10\nSuspendTime=20\n"),
                Arguments.of("quoted value", "SlurmctldLogFile=\"/var/log/a b.log\"\n"),
                Arguments.of("one NodeAddr for every name", "NodeName=c[1-5] State=CLOUD NodeAddr=127.0.0.1\n"),
                Arguments.of("one NodeHostname for every name", "NodeName=c[1-5] NodeHostname=h1\n"),
                Arguments.of("fewer host names than names", "NodeName=c[1-5] NodeHostname=h[1-2] NodeAddr=10.0.0.1\n"),
                Arguments.of("more host names than names", "NodeName=c[1-2] NodeHostname=h[1-7] NodeAddr=10.0.0.1\n"),
                Arguments.of("one BcastAddr for every name", "NodeName=c[1-5] BcastAddr=b1\n"),
                Arguments.of("one Port for every name", "NodeName=c[1-5] Port=17101\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void bothAcceptAndTheDaemonsCorrectionsAreOurWarnings(String what, String snippet)
            throws IOException, InterruptedException {
        Path conf = write("slurm.conf", HEAD + snippet);
        RealScontrol.Outcome real = RealScontrol.check(conf);
        assertThat(real.accepted()).as("scontrol accepts %s: %s", what, real.output()).isTrue();
        SlurmConf ours = new SlurmConfParser().parse(conf);
        List<String> ourWarnings = ours.warnings().stream().map(ConfWarning::message).toList();
        assertThat(ourWarnings).as("our warnings hold every error line of scontrol")
                .containsAll(real.errors());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("unknown debug flag", "DebugFlags=Bogus\n"),
                Arguments.of("bad MaxTime", "PartitionName=p MaxTime=forever\n"),
                Arguments.of("NodeAddr on DEFAULT", "NodeName=DEFAULT NodeAddr=x\n"),
                Arguments.of("bad partition state", "PartitionName=p State=SIDEWAYS\n"),
                Arguments.of("bad SlurmctldHost", "SlurmctldHost=a(b\n"),
                Arguments.of("negative rate", "ResumeRate=-1\n"),
                Arguments.of("rate too big", "SuspendRate=70000\n"),
                Arguments.of("bad boolean", "UsePAM=maybe\n"),
                Arguments.of("bad node number", "NodeName=n1 CPUs=x\n"),
                Arguments.of("unknown node option", "NodeName=n1 Bogus=1\n"),
                Arguments.of("two pairs on a plain line", "SuspendTime=10 ResumeTimeout=5\n"),
                Arguments.of("continued plain line with two pairs", "SlurmUser=root\nSuspendTime=10 \\\n ResumeTimeout=5\n"),
                Arguments.of("words without =", "just some words\n"),
                Arguments.of("empty value", "SlurmdDebug=\n"),
                Arguments.of("indented Include", "  Include /etc/hosts\n"),
                Arguments.of("NodeName=ALL", "NodeName=ALL\n"),
                Arguments.of("FrontendName", "FrontendName=fe1\n"),
                Arguments.of("fewer NodeAddr than names", "NodeName=c[1-5] NodeAddr=a[1-2]\n"),
                Arguments.of("more NodeAddr than names", "NodeName=c[1-5] NodeAddr=a[1-7]\n"),
                Arguments.of("host names as addresses, too few", "NodeName=c[1-5] NodeHostname=h[1-2]\n"),
                Arguments.of("fewer BcastAddr than names", "NodeName=c[1-5] BcastAddr=b[1-2]\n"),
                Arguments.of("more BcastAddr than names", "NodeName=c[1-5] BcastAddr=b[1-7]\n"),
                Arguments.of("more ports than names", "NodeName=c[1-5] Port=17101-17107\n"),
                Arguments.of("unknown key CacheGroups", "CacheGroups=1\n"),
                Arguments.of("unknown key PreemptParameters", "PreemptParameters=reclaim_licenses\n"),
                Arguments.of("removed AccountingStorageLoc", "AccountingStorageLoc=/var/log/acct\n"),
                Arguments.of("removed AccountingStoreJobComment", "AccountingStoreJobComment=YES\n"),
                Arguments.of("removed SallocDefaultCommand", "SallocDefaultCommand=bash\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void bothRefuseWithTheSameMessageAndLine(String what, String snippet) throws IOException, InterruptedException {
        Path conf = write("slurm.conf", HEAD + snippet);
        RealScontrol.Outcome real = RealScontrol.check(conf);
        assertThat(real.accepted()).as("scontrol refuses %s", what).isFalse();
        SlurmConfException ours = catchThrowableOfType(SlurmConfException.class,
                () -> new SlurmConfParser().parse(conf));
        assertThat(ours).as("our parser refuses %s", what).isNotNull();
        Matcher parseError = PARSE_ERROR_LINE.matcher(real.output());
        boolean realParseError = parseError.find();
        if (realParseError) {
            assertThat(ours.location().line()).as("line of %s", real.output())
                    .isEqualTo(Integer.parseInt(parseError.group(1)));
        }
        boolean sameMessage = real.errors().stream().map(ScontrolAgreementIT::withoutFunction)
                .anyMatch(message -> ours.rule().contains(message));
        boolean bothParseErrors = realParseError && ours.rule().startsWith("Parse error");
        assertThat(sameMessage || bothParseErrors)
                .as("our rule \"%s\" matches what scontrol said: %s", ours.rule(), real.output()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SlurmdDebug=a\\#b # comment\n",
            "SlurmdDebug=a\\\\#b\n",
            "SlurmdDebug=a\\b\n",
            "SlurmdDebug=ab\\\ncd\n",
            "SlurmdDebug=ab\\   \ncd\n",
            "SlurmdDebug=\"a b\"\n",
            "SlurmdDebug=\"x\"y\n",
            "SlurmdDebug= spaced\n",
            "slurmddebug=lower\n",
            "SlurmdDebug=$LAB/x\n",
            "SlurmdDebug=crlf\r\n",
            "SlurmdDebug=a\\\\\\\nb\n"})
    void valuesComeOutAsTheRealReaderSeesThem(String line) throws IOException, InterruptedException {
        Path conf = write("slurm.conf", HEAD + line);
        String ours = new SlurmConfParser().parse(conf).parameter("SlurmdDebug").orElseThrow();
        assertThat(RealScontrol.check(conf).errors()).contains("Invalid SlurmdDebug " + ours);
    }

    @Test
    void nestedRelativeIncludesResolveAsTheRealReaderResolvesThem() throws IOException, InterruptedException {
        write("conf.d/a.conf", "Include sub/b.conf\n");
        write("conf.d/sub/b.conf", "SlurmdDebug=nested\n");
        Path conf = write("slurm.conf", HEAD + "Include conf.d/a.conf\n");
        assertThat(new SlurmConfParser().parse(conf).parameter("SlurmdDebug")).contains("nested");
        assertThat(RealScontrol.check(conf).errors()).contains("Invalid SlurmdDebug nested");
    }

    @Test
    void everyErrorTheRealReaderReportsIsOneOfOursInOneParse() throws IOException, InterruptedException {
        write("conf.d/extra.conf", "# extra\nCacheGroups=1\n");
        Path conf = write("slurm.conf", HEAD + "FooBar=1\nInclude conf.d/extra.conf\nPreemptParameters=x\n");
        RealScontrol.Outcome real = RealScontrol.check(conf);
        assertThat(real.accepted()).isFalse();
        List<String> realErrors = real.errors().stream().map(ScontrolAgreementIT::withoutFunction)
                .filter(e -> e.startsWith("Parsing error")).toList();
        assertThat(realErrors).hasSize(3);
        SlurmConfException ours = catchThrowableOfType(SlurmConfException.class,
                () -> new SlurmConfParser().parse(conf));
        assertThat(ours.errors()).hasSize(3);
        for (String message : realErrors) {
            assertThat(ours.errors()).extracting(ConfError::rule).anySatisfy(r -> assertThat(r).startsWith(message));
        }
        assertThat(ours.errors()).extracting(ConfError::location).contains(
                new SourceLocation(dir.resolve("conf.d/extra.conf"), 2));
    }

    @Test
    void defunctKeyIsOurWarningAsTheRealReaderLogsIt() throws IOException, InterruptedException {
        Path conf = write("slurm.conf", HEAD + "SchedulerAuth=x\n");
        RealScontrol.Outcome real = RealScontrol.check(conf);
        assertThat(real.accepted()).as(real.output()).isTrue();
        assertThat(new SlurmConfParser().parse(conf).warnings()).extracting(ConfWarning::message)
                .containsAll(real.errors());
    }

    /** A real message without the C function name some carry ({@code _parse_next_key: }). */
    private static String withoutFunction(String message) {
        return message.replaceFirst("^_[a-z_]+: ", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"level0.slurm.conf", "perms.slurm.conf"})
    void recordedTraceConfigsAreAcceptedByBoth(String name) throws IOException, InterruptedException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/traces/" + name)) {
            assertThat(in).isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path conf = write(name, text);
        RealScontrol.Outcome real = RealScontrol.check(conf);
        assertThat(real.accepted()).as(real.output()).isTrue();
        assertThat(real.errors()).isEmpty();
        assertThat(new SlurmConfParser().parse(conf).warnings()).isEmpty();
    }
}
